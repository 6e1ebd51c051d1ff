/**
 * Several stores (own connections: real concurrency on PostgreSQL) complete logs that share patterns,
 * each log's patterns in another order, while another re-imports connections (new versions, usernames
 * and URLs) and re-queues logs whose patterns are then replaced: every write succeeds (no deadlock on the
 * pattern totals: pattern-totals-lock.ts) and the totals end equal to their definition.
 */
import { describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture, patternFixture } from "../../test-support/log-analysis-fixture.js";
import { readPatternSources, referencePatterns } from "../../test-support/reference-patterns.js";
import { type StoreFactory, storeFactories } from "../../test-support/store-factories.js";
import type { Store } from "../store.js";

const CONNECTIONS = 60;
const WORKERS = 4;
const TEMPLATES = [
  "Stall <num>",
  "Lost <num> packets",
  "Slow frame <num>",
  "Socket <num> closed",
  "Retry <num>",
];

/** Log `id`'s patterns: a rotation of the templates, so that concurrent logs take them in other orders. */
function outcomeFor(id: number) {
  const patterns = TEMPLATES.map((_, i) => TEMPLATES[(i + id) % TEMPLATES.length] as string)
    .slice(0, 2 + (id % 4))
    .map((template, i) => patternFixture(template, 1 + ((id + i) % 7), i % 3 === 2 ? "WARNING" : "ERROR"));
  return parsedOutcome(analysisFixture({ levels: { INFO: 5, ERROR: 3 }, patterns }));
}

async function drain(store: Store, workerId: string, now: number): Promise<number> {
  let completed = 0;
  for (;;) {
    const batch = await store.claimLogs(workerId, 3, 60_000, now);
    if (batch.length === 0) return completed;
    await Promise.all(
      batch.map(async (log) => {
        if (await store.completeLog(log.logId, log.leaseToken, outcomeFor(log.logId), now)) completed++;
      }),
    );
  }
}

describe.each(storeFactories)(
  "pattern totals under concurrent writers on $dialect",
  (factory: StoreFactory) => {
    it("lose nothing and deadlock nowhere", async () => {
      const database = await factory.create();
      try {
        const now = Date.now();
        const fleet = Array.from({ length: CONNECTIONS }, (_, i) =>
          connectionInput(i + 1, {
            version: `v${i % 3}`,
            serverUrl: `https://bucket.example/server${i % 40}.txt`,
          }),
        );
        await database.store.importConnections(fleet, now);
        const workers = Array.from({ length: WORKERS }, () => database.openAnother());
        const first = await Promise.all(workers.map((store, i) => drain(store, `w${i}`, now)));
        expect(first.reduce((a, b) => a + b, 0)).toBe(CONNECTIONS + 40);

        // Again, while connections are re-pointed and renamed, and earlier logs re-parsed.
        const importer = database.openAnother();
        const changes = async () => {
          for (let round = 0; round < 5; round++) {
            await importer.importConnections(
              fleet.slice(round * 10, round * 10 + 12).map((row) => ({
                ...row,
                version: `v${round + 3}`,
                username: `user${round}@example.com`,
                serverUrl: `https://bucket.example/server${(row.connectionId + round) % 40}.txt`,
              })),
              now,
            );
            for (let id = round + 1; id <= CONNECTIONS; id += 7) await importer.requeue(id, now);
          }
        };
        await Promise.all([changes(), ...workers.map((store, i) => drain(store, `w${i}`, now))]);
        await Promise.all(workers.map((store, i) => drain(store, `w${i}`, now)));

        const { connections, patterns } = await readPatternSources(database.options);
        expect(await database.store.fleetPatterns(20)).toEqual(referencePatterns(connections, patterns, 20));
      } finally {
        await database.dispose();
      }
    }, 120_000);
  },
);
