/**
 * The fleet's spread of each metric: statistics and a histogram of the per-log medians (a long tail in a
 * bin of its own: histogramWithTail).
 */
import { describeSorted, METRIC_NAMES, type MetricName, type SeriesStats } from "@loupe/core";
import type { FleetLogSample, FleetVersionGroup } from "../store/store.js";
import { DEFAULT_BIN_COUNT, type HistogramBin, histogramWithTail } from "./histogram.js";
import { fleetMedians, groupByVersion } from "./version-groups.js";

export interface MetricDistribution {
  /** Logs that have the metric. */
  readonly logs: number;
  /** describeValues of the per-log medians; null without any. */
  readonly stats: SeriesStats | null;
  readonly histogram: readonly HistogramBin[];
}

export function metricDistributions(
  samples: readonly FleetLogSample[],
  binCount = DEFAULT_BIN_COUNT,
): Readonly<Record<MetricName, MetricDistribution>> {
  return metricDistributionsOfGroups(groupByVersion(samples), binCount);
}

/** `metricDistributions` from the per-version groups (their sorted medians merged per metric). */
export function metricDistributionsOfGroups(
  groups: readonly FleetVersionGroup[],
  binCount = DEFAULT_BIN_COUNT,
): Readonly<Record<MetricName, MetricDistribution>> {
  const result = {} as Record<MetricName, MetricDistribution>;
  for (const metric of METRIC_NAMES) {
    const medians = fleetMedians(groups, metric);
    result[metric] = {
      logs: medians.length,
      // Sorted: describeSorted equals describeValues bit for bit (the core's contract), without a copy.
      stats: describeSorted(medians),
      histogram: histogramWithTail(medians, binCount),
    };
  }
  return result;
}
