/**
 * fleetPatterns, read from the totals and hits migration 005 keeps by triggers, equals the definition
 * computed straight from `connections` and `log_patterns` (in JavaScript: every link, every pattern row),
 * and so does connectionsWithPattern (read from the hits), on random fleets written through the real write paths (imports that re-point connections and change
 * usernames, versions and times; re-fetches that replace a log's patterns), on both databases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyScenario, fleetScenario } from "../../test-support/random-fleet.js";
import { readPatternSources, referencePatterns } from "../../test-support/reference-patterns.js";
import { type StoreFactory, storeFactories } from "../../test-support/store-factories.js";

const RUNS = Number(process.env.LOUPE_PROPERTY_RUNS ?? 12);

describe.each(storeFactories)("fleet patterns on $dialect", (factory: StoreFactory) => {
  it("equal the definition over links and pattern rows, for random fleets", async () => {
    await fc.assert(
      fc.asyncProperty(fleetScenario, fc.integer({ min: 1, max: 8 }), async (scenario, limit) => {
        const database = await factory.create();
        try {
          await applyScenario(database.store, scenario);
          const { connections, patterns } = await readPatternSources(database.options);
          expect(await database.store.fleetPatterns(limit)).toEqual(
            referencePatterns(connections, patterns, limit),
          );
        } finally {
          await database.dispose();
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
