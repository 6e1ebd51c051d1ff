/**
 * Samples grouped by version, the straightforward way (one object per ingested log in memory): the
 * definition the store's SQL aggregation (fleetVersionGroups) must equal, and what the unit tests feed
 * the computations with.
 */
import { METRIC_NAMES, type MetricName } from "@loupe/core";
import type { FleetLogSample, FleetVersionGroup } from "../store/store.js";
import { logMedians } from "./fleet-metrics.js";

export function groupByVersion(samples: readonly FleetLogSample[]): FleetVersionGroup[] {
  const byVersion = new Map<string | null, FleetLogSample[]>();
  for (const sample of samples) {
    const group = byVersion.get(sample.version);
    if (group === undefined) byVersion.set(sample.version, [sample]);
    else group.push(sample);
  }
  return [...byVersion].map(([version, group]) => {
    let entries = 0;
    let errors = 0;
    let firstSeen = Number.POSITIVE_INFINITY;
    let lastSeen = Number.NEGATIVE_INFINITY;
    const connections = new Set<number>();
    for (const sample of group) {
      entries += sample.entries;
      errors += sample.errors;
      firstSeen = Math.min(firstSeen, sample.lastUpdated);
      lastSeen = Math.max(lastSeen, sample.lastUpdated);
      connections.add(sample.connectionId);
    }
    const medians = {} as Record<MetricName, Float64Array>;
    for (const metric of METRIC_NAMES) medians[metric] = Float64Array.from(logMedians(group, metric)).sort();
    return {
      version,
      firstSeen,
      lastSeen,
      connections: connections.size,
      logs: group.length,
      entries,
      errors,
      medians,
    };
  });
}

/** Every version's medians of `metric` in one ascending array. */
export function fleetMedians(groups: readonly FleetVersionGroup[], metric: MetricName): Float64Array {
  let length = 0;
  for (const group of groups) length += group.medians[metric].length;
  const all = new Float64Array(length);
  let offset = 0;
  for (const group of groups) {
    all.set(group.medians[metric], offset);
    offset += group.medians[metric].length;
  }
  return all.sort();
}
