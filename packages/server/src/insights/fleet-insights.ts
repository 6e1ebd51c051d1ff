/**
 * Fleet insights as the API serves them: computed from the stored per-log summaries only (never by
 * re-reading logs), aggregated by the database (fleet_samples: one narrow row per ingested log; medians
 * packed per version), and memoized per data generation.
 */
import type { MetricName } from "@loupe/core";
import type { InsightsStore, Store } from "../store/store.js";
import { type ErrorLatencyInsight, errorLatencyInsight } from "./error-latency.js";
import { GenerationCache, type GenerationCacheOptions } from "./generation-cache.js";
import { isoTime } from "./iso-time.js";
import { type MetricDistribution, metricDistributionsOfGroups } from "./metric-distribution.js";
import { type PatternInsight, toPatternInsight } from "./patterns.js";
import { compareVersionGroups, type VersionInsight } from "./versions.js";

/** A version's entry with its moments as ISO 8601 UTC, as every time in the API is. */
export type VersionView = Omit<VersionInsight, "firstSeen" | "lastSeen"> & {
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
};

export type FleetInsightsStore = InsightsStore & Pick<Store, "dataGeneration">;

/**
 * Dots in the errors-vs-latency scatter: the default demo fleet (3,000 connections) is drawn whole, a
 * larger fleet as a spread sample (the coefficients always use every connection).
 */
export const MAX_SCATTER_POINTS = 3_000;

export interface FleetInsightsOptions extends Omit<GenerationCacheOptions, "generation"> {
  readonly maxScatterPoints?: number;
}

export class FleetInsights {
  readonly #store: FleetInsightsStore;
  readonly #cache: GenerationCache;
  readonly #maxScatterPoints: number;

  constructor(store: FleetInsightsStore, options: FleetInsightsOptions = {}) {
    this.#store = store;
    this.#cache = new GenerationCache({ ...options, generation: () => store.dataGeneration() });
    this.#maxScatterPoints = options.maxScatterPoints ?? MAX_SCATTER_POINTS;
  }

  patterns(limit: number): Promise<readonly PatternInsight[]> {
    return this.#cache.get(`patterns:${limit}`, async () =>
      (await this.#store.fleetPatterns(limit)).map(toPatternInsight),
    );
  }

  versions(): Promise<readonly VersionView[]> {
    return this.#cache.get("versions", async () =>
      compareVersionGroups(await this.#groups()).map((version) => ({
        ...version,
        firstSeen: isoTime(version.firstSeen),
        lastSeen: isoTime(version.lastSeen),
      })),
    );
  }

  errorLatency(): Promise<ErrorLatencyInsight> {
    return this.#cache.get("error-latency", async () =>
      errorLatencyInsight(await this.#store.fleetErrorLatency(this.#maxScatterPoints)),
    );
  }

  /** Distinct usernames across every connection (the fleet strip's "users", beside its connections). */
  users(): Promise<number> {
    return this.#cache.get("users", () => this.#store.fleetUsers());
  }

  metrics(): Promise<Readonly<Record<MetricName, MetricDistribution>>> {
    return this.#cache.get("metrics", async () => metricDistributionsOfGroups(await this.#groups()));
  }

  /** Shared by versions and metrics: one read of the per-version aggregates per generation. */
  #groups() {
    return this.#cache.get("groups", () => this.#store.fleetVersionGroups());
  }
}
