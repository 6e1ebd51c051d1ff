/**
 * Checks that what ingestion stored for a log, and what the API answers about it, is exactly what the
 * core's analysis of the same bytes says: counts, levels, every series point, every pattern.
 */
import { ALL_METRIC_NAMES, type LogAnalysis, METRIC_NAMES, type PatternStats } from "@loupe/core";
import type { FastifyInstance } from "fastify";
import { expect } from "vitest";
import { METRIC_SIDE } from "../insights/fleet-metrics.js";
import type { LogSide, LogStatus, Store } from "../store/store.js";

/** What a test expects of one log: parsed (ok or invalid) with this analysis, or a status and why. */
export type ExpectedLog =
  | { readonly status: "ok" | "invalid"; readonly analysis: LogAnalysis }
  | { readonly status: Exclude<LogStatus, "ok" | "invalid"> | "not_recorded"; readonly lastError?: RegExp };

const byLevelAndId = (a: PatternStats, b: PatternStats): number =>
  a.level.localeCompare(b.level) || a.id.localeCompare(b.id);

/** The store's series and patterns of `logId` equal the analysis (empty series are not stored). */
export async function expectStoredAnalysis(
  store: Store,
  logId: number,
  analysis: LogAnalysis,
): Promise<void> {
  const series = await store.logSeries(logId);
  for (const metric of ALL_METRIC_NAMES) {
    const want = analysis.series[metric];
    if (want.t.length === 0) {
      expect(series[metric], `${metric} of log ${logId}`).toBeUndefined();
    } else {
      expect(series[metric]?.t, `${metric} times of log ${logId}`).toEqual(want.t);
      expect(series[metric]?.v, `${metric} values of log ${logId}`).toEqual(want.v);
    }
  }
  const patterns = await store.logPatterns(logId);
  expect([...patterns].sort(byLevelAndId), `patterns of log ${logId}`).toEqual(
    [...analysis.patterns].sort(byLevelAndId),
  );
}

interface ApiLog {
  readonly status: string;
  readonly entries: number | null;
  readonly levels: Record<string, number> | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly errorPct: number | null;
  readonly lastError: string | null;
  readonly patterns: readonly PatternStats[];
}

interface ApiSeries {
  readonly points: [number, number][];
  readonly stats: unknown;
  readonly totalPoints: number;
  readonly status: string;
}

/** GET /api/connections/:id and its full-resolution series agree with `expected` for both sides. */
export async function expectApiConnection(
  app: FastifyInstance,
  connectionId: number,
  expected: Readonly<Record<LogSide, ExpectedLog>>,
): Promise<void> {
  const detail = await app.inject({ method: "GET", url: `/api/connections/${connectionId}` });
  expect(detail.statusCode).toBe(200);
  const body = detail.json() as Record<LogSide, ApiLog>;
  const seriesResponse = await app.inject({
    method: "GET",
    url: `/api/connections/${connectionId}/series?maxPoints=0`,
  });
  expect(seriesResponse.statusCode).toBe(200);
  const series = seriesResponse.json() as Record<string, ApiSeries>;

  for (const side of ["client", "server"] as const) {
    const want = expected[side];
    const got = body[side];
    const where = `connection ${connectionId} ${side}`;
    expect(got.status, where).toBe(want.status);
    if (!("analysis" in want)) {
      if (want.lastError !== undefined) expect(got.lastError, where).toMatch(want.lastError);
      expect(got.entries, where).toBeNull();
      continue;
    }
    const { analysis } = want;
    expect(got.entries, where).toBe(analysis.entries);
    expect(got.levels, where).toEqual(analysis.levels);
    expect(got.errors, where).toBe(analysis.errors);
    expect(got.warnings, where).toBe(analysis.warnings);
    expect(got.errorPct, where).toBe(
      analysis.entries === 0 ? null : (100 * analysis.errors) / analysis.entries,
    );
    // The detail lists the most frequent patterns (at most 20), each exactly as analysed.
    const analysed = new Map(analysis.patterns.map((p) => [`${p.level} ${p.id}`, p]));
    expect(got.patterns.length, where).toBe(Math.min(20, analysis.patterns.length));
    for (const pattern of got.patterns)
      expect(pattern, where).toEqual(analysed.get(`${pattern.level} ${pattern.id}`));

    for (const metric of METRIC_NAMES) {
      if (METRIC_SIDE[metric] !== side) continue;
      const { t, v } = analysis.series[metric];
      const answered = series[metric];
      expect(answered?.totalPoints, `${where} ${metric}`).toBe(t.length);
      expect(answered?.points, `${where} ${metric}`).toEqual(Array.from(t, (time, i) => [time, v[i]]));
      expect(answered?.stats, `${where} ${metric}`).toEqual(analysis.stats[metric]);
      expect(answered?.status, `${where} ${metric}`).toBe(want.status);
    }
  }
}
