/**
 * The one place a LogAnalysis is put together from what a scan accumulated, for every analyzer (the
 * JavaScript LogAnalyzer and the WebAssembly one in @loupe/wasm-analyzer), so their results cannot drift.
 */
import { ALL_METRIC_NAMES, type AnyMetricName } from "../metrics/metric-names.js";
import { isErrorLevel, isWarningLevel, type LevelTable } from "../parser/level-table.js";
import type { PatternCounter } from "../patterns/index.js";
import { describeValues, type SeriesStats } from "../stats/describe.js";
import type { LogAnalysis, Series } from "./log-analysis.js";

/** What a scan counts: lines of each kind and invalid values (see LogAnalysis for each one). */
export type ScanCounts = Pick<
  LogAnalysis,
  "bytes" | "lines" | "blankLines" | "entries" | "continuationLines" | "unparsedLines" | "invalidValues"
>;

export interface ScanTotals extends ScanCounts {
  readonly levels: LevelTable;
  /** One series per METRIC_DEFINITIONS entry, in that order. */
  readonly series: readonly Series[];
  /** Their statistics when already computed (default: describeValues of each series' values). */
  readonly stats?: readonly (SeriesStats | null)[];
  readonly patterns: PatternCounter;
  /** Times of the first and last entries and the latest time any entry names (NaN without entries). */
  readonly firstTime: number;
  readonly lastTime: number;
  readonly latestTime: number;
}

export function assembleLogAnalysis(totals: ScanTotals): LogAnalysis {
  const series = {} as Record<AnyMetricName, Series>;
  const stats = {} as Record<AnyMetricName, SeriesStats | null>;
  ALL_METRIC_NAMES.forEach((name, i) => {
    const columns = totals.series[i] as Series;
    series[name] = { t: columns.t, v: columns.v };
    stats[name] = totals.stats === undefined ? describeValues(columns.v) : (totals.stats[i] ?? null);
  });
  const levels = totals.levels.toRecord();
  let errors = 0;
  let warnings = 0;
  for (const [level, count] of Object.entries(levels)) {
    if (isErrorLevel(level)) errors += count;
    else if (isWarningLevel(level)) warnings += count;
  }
  const hasTime = totals.entries > 0;
  return {
    bytes: totals.bytes,
    lines: totals.lines,
    blankLines: totals.blankLines,
    entries: totals.entries,
    continuationLines: totals.continuationLines,
    unparsedLines: totals.unparsedLines,
    invalidValues: totals.invalidValues,
    levels,
    errors,
    warnings,
    firstTime: hasTime ? totals.firstTime : null,
    lastTime: hasTime ? totals.lastTime : null,
    latestTime: hasTime ? totals.latestTime : null,
    durationSeconds: hasTime ? totals.latestTime - totals.firstTime : null,
    series,
    stats,
    patterns: totals.patterns.all(),
  };
}
