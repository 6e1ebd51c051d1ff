import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture } from "../../test-support/log-analysis-fixture.js";
import { rawRows } from "../../test-support/raw-query.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { IngestOutcome } from "../store.js";

/**
 * The list sorts and filters on copies of log columns kept on `connections` by triggers
 * (migrations/003-list-columns.ts). Whatever happens to the logs, the copies must equal what the joins say.
 */
async function copiesDisagree(database: TestDatabase): Promise<unknown[]> {
  return rawRows(
    database.options,
    `select c.connection_id from connections c
    left join logs cl on cl.id = c.client_log_id
    left join logs sl on sl.id = c.server_log_id
    where c.errors <> coalesce(cl.errors, 0) + coalesce(sl.errors, 0)
       or coalesce(c.client_status, '-') <> coalesce(cl.status, '-')
       or coalesce(c.server_status, '-') <> coalesce(sl.status, '-')
       or coalesce(c.median_latency, -1) <> coalesce(cl.median_latency, -1)`,
  );
}

describe.each(storeFactories)("list columns on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("stay equal to the logs' columns through any sequence of imports, outcomes and requeues", async () => {
    const { store } = database;
    const outcome = fc.oneof(
      fc
        .record({ errors: fc.nat(5), latency: fc.option(fc.double({ min: 0.001, max: 2, noNaN: true })) })
        .map(
          ({ errors, latency }): IngestOutcome =>
            parsedOutcome(
              analysisFixture({
                levels: { INFO: 3, ERROR: errors },
                series: latency === null ? {} : { latency: [[1, latency]] },
              }),
            ),
        ),
      fc.constant<IngestOutcome>({ kind: "missing", httpStatus: 404 }),
      fc.constant<IngestOutcome>({ kind: "unavailable", error: "timeout", retryAt: null }),
    );
    const step = fc.oneof(
      // (Re)import a connection, maybe pointing a side at a shared or a new URL, or at none.
      fc.record({
        kind: fc.constant("import" as const),
        id: fc.integer({ min: 1, max: 6 }),
        client: fc.option(fc.integer({ min: 1, max: 4 })),
        server: fc.option(fc.integer({ min: 1, max: 4 })),
      }),
      fc.record({ kind: fc.constant("complete" as const), outcome }),
      fc.record({ kind: fc.constant("requeue" as const), pick: fc.nat() }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          if (s.kind === "import") {
            const url = (n: number | null) => (n === null ? null : `https://bucket.example/log${n}.txt`);
            await store.importConnections([
              connectionInput(s.id, { clientUrl: url(s.client), serverUrl: url(s.server) }),
            ]);
          } else if (s.kind === "complete") {
            const [claimed] = await store.claimLogs("w", 1, 60_000, Date.now() + 1e9);
            if (claimed !== undefined)
              await store.completeLog(claimed.logId, claimed.leaseToken, s.outcome, Date.now());
          } else {
            const logs = await store.connectionLogs((s.pick % 6) + 1);
            const logId = logs?.client ?? logs?.server;
            if (logId !== undefined) await store.requeue(logId, Date.now());
          }
        }
        expect(await copiesDisagree(database)).toEqual([]);
      }),
      { numRuns: 25, seed: 5 },
    );
  });

  it("sorts and filters by them: errors both ways, worst latency first, status and has-errors", async () => {
    const { store } = database;
    await store.importConnections([1, 2, 3, 4].map((id) => connectionInput(id)));
    const outcomes = new Map<string, IngestOutcome>([
      ["client1", parsedOutcome(analysisFixture({ levels: { ERROR: 1 }, series: { latency: [[1, 0.2]] } }))],
      ["server1", parsedOutcome(analysisFixture({ levels: { ERROR: 4 } }))],
      ["client2", parsedOutcome(analysisFixture({ levels: { ERROR: 2 }, series: { latency: [[1, 0.9]] } }))],
      ["client3", { kind: "missing", httpStatus: 404 }],
    ]);
    const claimed = await store.claimLogs("w", 100, 60_000, Date.now());
    for (const log of claimed) {
      const key = /(client|server)\d/.exec(log.url)?.[0] ?? "";
      const outcome = outcomes.get(key);
      if (outcome !== undefined) await store.completeLog(log.logId, log.leaseToken, outcome, Date.now());
    }
    const ids = async (query: Parameters<typeof store.listConnections>[0]) =>
      (await store.listConnections(query)).items.map((row) => row.connectionId);
    expect(await ids({ limit: 10, sort: "errors", order: "desc" })).toEqual([1, 2, 4, 3]);
    expect(await ids({ limit: 10, sort: "errors", order: "asc" })).toEqual([3, 4, 2, 1]);
    expect(await ids({ limit: 10, sort: "medianLatency", order: "desc" })).toEqual([2, 1, 4, 3]);
    expect(await ids({ limit: 10, hasErrors: true })).toEqual([2, 1]);
    expect(await ids({ limit: 10, status: "missing" })).toEqual([3]);
    expect((await store.listConnections({ limit: 1, status: "pending" })).total).toBe(3);
  });
});
