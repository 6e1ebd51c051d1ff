/**
 * The aggregated fleet reads (fleet_samples and fleet_usernames kept by triggers, fleetVersionGroups,
 * fleetErrorLatency, fleetUsers) equal
 * the straightforward computation from one object per sample (fleetSamples + the insights' reference
 * functions), bit for bit, on random fleets written through the real write paths, on both databases.
 */
import { METRIC_NAMES } from "@loupe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { errorLatencyInsight, errorsVersusLatency } from "../../insights/error-latency.js";
import { logMedian, METRIC_SIDE } from "../../insights/fleet-metrics.js";
import { metricDistributions, metricDistributionsOfGroups } from "../../insights/metric-distribution.js";
import { groupByVersion } from "../../insights/version-groups.js";
import { compareVersionGroups, compareVersions } from "../../insights/versions.js";
import { applyScenario, fleetScenario } from "../../test-support/random-fleet.js";
import { rawRows } from "../../test-support/raw-query.js";
import { type StoreFactory, storeFactories } from "../../test-support/store-factories.js";
import type { FleetLogSample, FleetVersionGroup } from "../store.js";
import { SPREAD_MODULUS, SPREAD_MULTIPLIER } from "./fleet-error-latency.js";

const RUNS = Number(process.env.LOUPE_PROPERTY_RUNS ?? 12);

const byVersion = (a: { version: string | null }, b: { version: string | null }) =>
  String(a.version).localeCompare(String(b.version));

/** fleet_samples as the reference defines it: one row per connection with a sample, both sides on it. */
function expectedRows(samples: readonly FleetLogSample[]) {
  const rows = new Map<number, Record<string, unknown>>();
  for (const sample of samples) {
    const row = rows.get(sample.connectionId) ?? {
      connection_id: sample.connectionId,
      version: sample.version,
      last_updated: sample.lastUpdated,
      client_entries: null,
      client_errors: null,
      server_entries: null,
      server_errors: null,
      ...Object.fromEntries(METRIC_NAMES.map((metric) => [metric, null])),
    };
    row[`${sample.side}_entries`] = sample.entries;
    row[`${sample.side}_errors`] = sample.errors;
    for (const metric of METRIC_NAMES) {
      if (METRIC_SIDE[metric] === sample.side) row[metric] = logMedian(sample, metric);
    }
    rows.set(sample.connectionId, row);
  }
  return [...rows.values()].sort((a, b) => Number(a.connection_id) - Number(b.connection_id));
}

const spreadKey = (id: number) => ((id % SPREAD_MODULUS) * SPREAD_MULTIPLIER) % SPREAD_MODULUS;

describe.each(storeFactories)("fleet aggregates on $dialect", (factory: StoreFactory) => {
  it("equal the computation from per-log samples, for random fleets", async () => {
    await fc.assert(
      fc.asyncProperty(fleetScenario, fc.integer({ min: 0, max: 6 }), async (scenario, maxPoints) => {
        const database = await factory.create();
        try {
          const { store } = database;
          await applyScenario(store, scenario);
          const samples = await store.fleetSamples();

          // The table itself: one row per connection with a sample, each side's numbers on it.
          const rows = await rawRows<Record<string, unknown>>(
            database.options,
            "select * from fleet_samples order by connection_id",
          );
          // pg returns bigint columns as strings.
          const integer = (v: unknown) => (v === null ? null : Number(v));
          const normalized = rows.map((row) => ({
            ...row,
            connection_id: integer(row.connection_id),
            last_updated: integer(row.last_updated),
            client_entries: integer(row.client_entries),
            client_errors: integer(row.client_errors),
            server_entries: integer(row.server_entries),
            server_errors: integer(row.server_errors),
          }));
          expect(normalized).toEqual(expectedRows(samples));

          // Per-version aggregates, and what versions and metrics compute from them.
          const groups = [...(await store.fleetVersionGroups())].sort(byVersion);
          const reference: FleetVersionGroup[] = groupByVersion(samples).sort(byVersion);
          expect(groups).toEqual(reference);
          expect(compareVersionGroups(groups)).toEqual(compareVersions(samples));
          expect(metricDistributionsOfGroups(groups)).toEqual(metricDistributions(samples));

          // Errors vs latency: the coefficients from every point; the points a spread sample.
          const all = errorsVersusLatency(samples);
          const stored = await store.fleetErrorLatency(maxPoints);
          const insight = errorLatencyInsight(stored);
          expect({ ...insight, points: [] }).toEqual({ ...all, points: [] });
          const sampled = [...all.points]
            .sort(
              (a, b) =>
                spreadKey(a.connectionId) - spreadKey(b.connectionId) || a.connectionId - b.connectionId,
            )
            .slice(0, maxPoints)
            .sort((a, b) => a.connectionId - b.connectionId);
          expect(stored.points).toEqual(sampled);

          // Users: the table of usernames against a distinct count over every connection.
          const [distinct] = await rawRows<{ users: number | string }>(
            database.options,
            "select count(distinct username_lower) as users from connections",
          );
          expect(await store.fleetUsers()).toBe(Number(distinct?.users));
        } finally {
          await database.dispose();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
