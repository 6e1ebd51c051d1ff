/**
 * Per-version comparison: did a build make the fleet slower or more error-prone? Each version is tested
 * against the version seen before it, on per-log medians, with a one-sided Mann–Whitney U test (rank-based:
 * no assumption that latencies are normal, and one extreme log cannot decide it).
 */
import { METRIC_NAMES, type MetricName, mannWhitneyU, medianSorted } from "@loupe/core";
import type { FleetLogSample, FleetVersionGroup } from "../store/store.js";
import { groupByVersion } from "./version-groups.js";

/** A difference this unlikely under "no change" counts (strict: many versions × four metrics are tested). */
export const REGRESSION_MAX_P_VALUE = 0.01;
/** |rank-biserial| of 0.2 is conventionally a small effect; below it a significant result is not worth an alarm. */
export const REGRESSION_MIN_EFFECT = 0.2;

export interface VersionTest {
  /** The version compared against: the latest one seen before this one that has the metric. */
  readonly against: string;
  /** One-sided p-value of "this version's per-log medians are larger (worse) than `against`'s". */
  readonly pValue: number;
  /** Rank-biserial correlation in [-1, 1]; positive when this version is slower/larger. */
  readonly rankBiserial: number;
  /** p < 0.01 and rankBiserial ≥ 0.2: worse, significantly and by at least a small effect. */
  readonly regression: boolean;
}

export interface VersionMetric {
  /** Logs of this version that have the metric. */
  readonly logs: number;
  /** Median of those logs' medians; null without any. */
  readonly median: number | null;
  /** null for the first version with the metric, for an unknown version, or when a test is undefined. */
  readonly test: VersionTest | null;
}

export interface VersionInsight {
  /** null groups the connections whose version is unknown; that group comes last and is never tested. */
  readonly version: string | null;
  /** Earliest and latest `lastUpdated` (epoch ms) of the version's connections with an ingested log. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly connections: number;
  readonly logs: number;
  readonly entries: number;
  readonly errors: number;
  /** errors / entries across the version's logs (a fraction, not a percentage); null without entries. */
  readonly errorRate: number | null;
  readonly metrics: Readonly<Record<MetricName, VersionMetric>>;
}

/** One entry per version, ordered by first seen (ties: by name); the unknown version last. */
export function compareVersions(samples: readonly FleetLogSample[]): readonly VersionInsight[] {
  return compareVersionGroups(groupByVersion(samples));
}

/** `compareVersions` from samples already grouped (the store aggregates them: fleetVersionGroups). */
export function compareVersionGroups(groups: readonly FleetVersionGroup[]): readonly VersionInsight[] {
  // Per metric, the medians of the latest earlier version that had any: what the next one is tested against.
  const previous = new Map<MetricName, { version: string; medians: Float64Array }>();
  return [...groups].sort(byFirstSeen).map((group) => {
    const metrics = {} as Record<MetricName, VersionMetric>;
    for (const metric of METRIC_NAMES) {
      const medians = group.medians[metric];
      const baseline = previous.get(metric);
      const test = group.version === null || baseline === undefined ? null : testAgainst(baseline, medians);
      // The medians arrive sorted: the middle is read, not selected (describeValues' median, bit for bit).
      const median = medians.length > 0 ? medianSorted(medians) : null;
      metrics[metric] = { logs: medians.length, median, test };
      if (group.version !== null && medians.length > 0) {
        previous.set(metric, { version: group.version, medians });
      }
    }
    return {
      version: group.version,
      firstSeen: group.firstSeen,
      lastSeen: group.lastSeen,
      connections: group.connections,
      logs: group.logs,
      entries: group.entries,
      errors: group.errors,
      errorRate: group.entries > 0 ? group.errors / group.entries : null,
      metrics,
    };
  });
}

function testAgainst(
  baseline: { version: string; medians: Float64Array },
  current: Float64Array,
): VersionTest | null {
  // "greater": is the current version's sample stochastically larger than the previous one's?
  const result = mannWhitneyU(baseline.medians, current, "greater");
  if (result === null) return null;
  return {
    against: baseline.version,
    pValue: result.pValue,
    rankBiserial: result.rankBiserial,
    regression: result.pValue < REGRESSION_MAX_P_VALUE && result.rankBiserial >= REGRESSION_MIN_EFFECT,
  };
}

function byFirstSeen(a: FleetVersionGroup, b: FleetVersionGroup): number {
  if (a.version === null || b.version === null) return a.version === null ? (b.version === null ? 0 : 1) : -1;
  if (a.firstSeen !== b.firstSeen) return a.firstSeen - b.firstSeen;
  return a.version < b.version ? -1 : a.version > b.version ? 1 : 0;
}
