/**
 * The fleet's spread of each metric: statistics and a histogram of the per-log medians (a long tail in a
 * bin of its own: histogramWithTail).
 */
import { describeValues, METRIC_NAMES, type MetricName, type SeriesStats } from "@loupe/core";
import type { FleetLogSample } from "../store/store.js";
import { logMedians } from "./fleet-metrics.js";
import { DEFAULT_BIN_COUNT, type HistogramBin, histogramWithTail } from "./histogram.js";

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
  const result = {} as Record<MetricName, MetricDistribution>;
  for (const metric of METRIC_NAMES) {
    const medians = logMedians(samples, metric);
    result[metric] = {
      logs: medians.length,
      stats: describeValues(medians),
      histogram: histogramWithTail(medians, binCount),
    };
  }
  return result;
}
