/**
 * Per-log medians of the four metrics, the unit of every fleet comparison: a log with a million points
 * and one with a hundred each count once, so one long session cannot outvote the fleet.
 */
import { METRIC_DEFINITIONS, METRIC_NAMES, type MetricName } from "@loupe/core";
import type { FleetLogSample, LogSide } from "../store/store.js";

/** Which log writes each metric (latency and decode time: client; encode time and size: server). */
export const METRIC_SIDE: Readonly<Record<MetricName, LogSide>> = Object.fromEntries(
  METRIC_NAMES.map((name) => [name, METRIC_DEFINITIONS.find((d) => d.name === name)?.side ?? "client"]),
) as Record<MetricName, LogSide>;

/** The log's median of `metric`, or null when the log has no (finite) point of it. */
export function logMedian(sample: FleetLogSample, metric: MetricName): number | null {
  const stats = sample.stats[metric];
  if (stats === undefined || stats.count === 0 || !Number.isFinite(stats.median)) return null;
  return stats.median;
}

/**
 * The medians of `metric` over the logs of the side that writes it, skipping logs without it; in the
 * samples' order. (A client log that happened to contain an encoder line is not the encoder's record.)
 */
export function logMedians(samples: readonly FleetLogSample[], metric: MetricName): number[] {
  const medians: number[] = [];
  for (const sample of samples) {
    if (sample.side !== METRIC_SIDE[metric]) continue;
    const median = logMedian(sample, metric);
    if (median !== null) medians.push(median);
  }
  return medians;
}
