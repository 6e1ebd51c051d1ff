/** FleetLogSample builders for the insights' unit tests (plain data; no store). */
import type { MetricName } from "@loupe/core";
import type { FleetLogSample, LogSide } from "../../store/store.js";

export interface SampleSpec {
  readonly connectionId: number;
  readonly side?: LogSide;
  readonly version?: string | null;
  /** Minutes after an arbitrary origin. */
  readonly minute?: number;
  readonly entries?: number;
  readonly errors?: number;
  readonly username?: string | null;
  /** Per metric: the log's median (count, p95 and mean are filled with plausible numbers). */
  readonly medians?: Partial<Record<MetricName, number>>;
}

const ORIGIN = Date.UTC(2020, 5, 1);

export function sample(spec: SampleSpec): FleetLogSample {
  const stats: Record<string, { count: number; median: number; p95: number; mean: number }> = {};
  for (const [metric, median] of Object.entries(spec.medians ?? {})) {
    stats[metric] = { count: 10, median, p95: median * 2, mean: median };
  }
  return {
    connectionId: spec.connectionId,
    username: spec.username === undefined ? `user${spec.connectionId}@example.com` : spec.username,
    version: spec.version === undefined ? "v1" : spec.version,
    lastUpdated: ORIGIN + (spec.minute ?? spec.connectionId) * 60_000,
    side: spec.side ?? "client",
    entries: spec.entries ?? 100,
    errors: spec.errors ?? 0,
    warnings: 0,
    stats,
  };
}

export const originPlusMinutes = (minutes: number): number => ORIGIN + minutes * 60_000;
