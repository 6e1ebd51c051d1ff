/**
 * Hand-built LogAnalysis values for store and API tests: give the counts, points and patterns that matter
 * to the test; the rest is derived (statistics by the core's describeValues) or empty.
 */
import {
  ALL_METRIC_NAMES,
  type AnyMetricName,
  describeValues,
  type LogAnalysis,
  type PatternStats,
  type Series,
  type SeriesStats,
} from "@loupe/core";

export interface AnalysisFixture {
  readonly entries?: number;
  readonly levels?: Readonly<Record<string, number>>;
  /** Points per metric as [t, v] pairs. */
  readonly series?: Partial<Record<AnyMetricName, readonly (readonly [number, number])[]>>;
  readonly patterns?: readonly PatternStats[];
  readonly durationSeconds?: number | null;
}

export function analysisFixture(fixture: AnalysisFixture = {}): LogAnalysis {
  const levels = fixture.levels ?? { INFO: fixture.entries ?? 0 };
  const entries = fixture.entries ?? Object.values(levels).reduce((sum, count) => sum + count, 0);
  const series = {} as Record<AnyMetricName, Series>;
  const stats = {} as Record<AnyMetricName, SeriesStats | null>;
  for (const metric of ALL_METRIC_NAMES) {
    const points = fixture.series?.[metric] ?? [];
    series[metric] = {
      t: Float64Array.from(points, ([t]) => t),
      v: Float64Array.from(points, ([, v]) => v),
    };
    stats[metric] = describeValues(series[metric].v);
  }
  const errors = (levels.ERROR ?? 0) + (levels.FATAL_ERROR ?? 0);
  const durationSeconds =
    fixture.durationSeconds === undefined ? (entries > 0 ? 60 : null) : fixture.durationSeconds;
  return {
    bytes: 100 * entries,
    lines: entries,
    blankLines: 0,
    entries,
    continuationLines: 0,
    unparsedLines: 0,
    invalidValues: 0,
    levels,
    errors,
    warnings: levels.WARNING ?? 0,
    firstTime: entries > 0 ? 0 : null,
    lastTime: durationSeconds,
    latestTime: durationSeconds,
    durationSeconds,
    series,
    stats,
    patterns: fixture.patterns ?? [],
  };
}

export function patternFixture(
  template: string,
  count: number,
  level = "ERROR",
  id = `p-${template.replace(/\W+/g, "-")}`,
): PatternStats {
  return { id, template, level, count, example: template.replace(/<\w+>/g, "42"), firstTime: 1, lastTime: 2 };
}
