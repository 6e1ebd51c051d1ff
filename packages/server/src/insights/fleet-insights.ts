/**
 * Fleet insights as the API serves them: computed from the stored per-log summaries only (never by
 * re-reading logs) and memoized while ingestion makes no progress.
 */
import type { MetricName } from "@loupe/core";
import type { InsightsStore, Store } from "../store/store.js";
import { type ErrorLatencyInsight, errorsVersusLatency } from "./error-latency.js";
import { isoTime } from "./iso-time.js";
import { type MetricDistribution, metricDistributions } from "./metric-distribution.js";
import { type PatternInsight, toPatternInsight } from "./patterns.js";
import { ProgressCache, type ProgressCacheOptions } from "./progress-cache.js";
import { compareVersions, type VersionInsight } from "./versions.js";

/** A version's entry with its moments as ISO 8601 UTC, as every time in the API is. */
export type VersionView = Omit<VersionInsight, "firstSeen" | "lastSeen"> & {
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
};

export type FleetInsightsStore = InsightsStore & Pick<Store, "ingestStatus">;

export class FleetInsights {
  readonly #store: FleetInsightsStore;
  readonly #cache: ProgressCache;

  constructor(store: FleetInsightsStore, cache: Omit<ProgressCacheOptions, "progressKey"> = {}) {
    this.#store = store;
    this.#cache = new ProgressCache({
      ...cache,
      // Any log finishing, failing or being queued changes the counts, and so the insights.
      progressKey: async () => {
        const { total, done, pending, failed } = await store.ingestStatus();
        return `${total}/${done}/${pending}/${failed}`;
      },
    });
  }

  patterns(limit: number): Promise<readonly PatternInsight[]> {
    return this.#cache.get(`patterns:${limit}`, async () =>
      (await this.#store.fleetPatterns(limit)).map(toPatternInsight),
    );
  }

  versions(): Promise<readonly VersionView[]> {
    return this.#cache.get("versions", async () =>
      compareVersions(await this.#samples()).map((version) => ({
        ...version,
        firstSeen: isoTime(version.firstSeen),
        lastSeen: isoTime(version.lastSeen),
      })),
    );
  }

  errorLatency(): Promise<ErrorLatencyInsight> {
    return this.#cache.get("error-latency", async () => errorsVersusLatency(await this.#samples()));
  }

  /** Distinct usernames across every connection (the fleet strip's "users", beside its connections). */
  users(): Promise<number> {
    return this.#cache.get("users", () => this.#store.fleetUsers());
  }

  metrics(): Promise<Readonly<Record<MetricName, MetricDistribution>>> {
    return this.#cache.get("metrics", async () => metricDistributions(await this.#samples()));
  }

  #samples() {
    return this.#cache.get("samples", () => this.#store.fleetSamples());
  }
}
