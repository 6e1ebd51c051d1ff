import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { ingestDue, parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture } from "../../test-support/log-analysis-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { ClaimedLog, Store } from "../store.js";

const NOW = 1_700_000_000_000;
const LEASE = 30_000;

/** `count` connections with a server log only: log ids in import order. */
async function queueLogs(store: Store, count: number): Promise<number[]> {
  await store.importConnections(
    Array.from({ length: count }, (_, i) => connectionInput(i + 1, { clientUrl: null })),
  );
  const logIds: number[] = [];
  for (let id = 1; id <= count; id++) {
    const server = (await store.connectionLogs(id))?.server;
    if (server === undefined) throw new Error("log not created");
    logIds.push(server);
  }
  return logIds;
}

const logIdsOf = (claimed: readonly ClaimedLog[]) => claimed.map((log) => log.logId);

describe.each(storeFactories)("queue on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("hands out due logs in queue order, each once while its lease lives", async () => {
    const { store } = database;
    const logs = await queueLogs(store, 5);
    const first = await store.claimLogs("a", 2, LEASE, NOW);
    expect(logIdsOf(first)).toEqual(logs.slice(0, 2));
    expect(first[0]).toMatchObject({
      url: "https://bucket.example/server1.txt",
      attempts: 1,
      etag: null,
      lastModified: null,
      leaseExpiresAt: NOW + LEASE,
    });
    expect(new Set(first.map((log) => log.leaseToken)).size).toBe(2);
    expect(logIdsOf(await store.claimLogs("b", 10, LEASE, NOW + 1))).toEqual(logs.slice(2));
    expect(await store.claimLogs("c", 10, LEASE, NOW + 2)).toEqual([]);
    expect(await store.claimLogs("c", 0, LEASE, NOW + 2)).toEqual([]);
  });

  it("prioritize moves a log ahead of the backlog (first come, first served among prioritized ones)", async () => {
    const { store } = database;
    const logs = await queueLogs(store, 4);
    const [claimed] = await store.claimLogs("a", 1, LEASE, NOW);
    if (claimed === undefined) throw new Error("nothing claimed");
    await store.completeLog(
      claimed.logId,
      claimed.leaseToken,
      { kind: "unavailable", error: "503", retryAt: NOW + 3_600_000 },
      NOW,
    );
    await store.prioritize(logs[3] as number, NOW);
    await store.prioritize(logs[0] as number, NOW + 1);
    // Log 4 was due since import; log 1 (in backoff until an hour later) became due at NOW + 1.
    expect(logIdsOf(await store.claimLogs("a", 10, LEASE, NOW + 2))).toEqual([
      logs[3],
      logs[0],
      logs[1],
      logs[2],
    ]);
  });

  it("claims a log again once its lease expired; the old token can no longer complete it", async () => {
    const { store } = database;
    await queueLogs(store, 1);
    const [stale] = await store.claimLogs("crashed", 1, LEASE, NOW);
    if (stale === undefined) throw new Error("nothing claimed");
    expect(await store.claimLogs("b", 1, LEASE, NOW + LEASE - 1)).toEqual([]);
    const [fresh] = await store.claimLogs("b", 1, LEASE, NOW + LEASE + 1);
    expect(fresh?.logId).toBe(stale.logId);
    expect(fresh?.attempts).toBe(2);
    expect(fresh?.leaseToken).not.toBe(stale.leaseToken);

    const analysis = analysisFixture({ levels: { INFO: 5, ERROR: 1 }, series: { latency: [[1, 0.5]] } });
    expect(
      await store.completeLog(stale.logId, stale.leaseToken, parsedOutcome(analysis), NOW + LEASE + 2),
    ).toBe(false);
    expect(await store.logSeries(stale.logId)).toEqual({});
    expect(await store.logPatterns(stale.logId)).toEqual([]);
    expect((await store.getConnection(1))?.server).toMatchObject({ status: "pending", entries: null });
    expect(await store.ingestStatus()).toEqual({ total: 1, done: 0, pending: 1, failed: 0 });
  });

  it("renewLease keeps a live lease and fails for a lost one", async () => {
    const { store } = database;
    await queueLogs(store, 1);
    const [claimed] = await store.claimLogs("a", 1, LEASE, NOW);
    if (claimed === undefined) throw new Error("nothing claimed");
    expect(await store.renewLease(claimed.logId, claimed.leaseToken, LEASE, NOW + LEASE - 1)).toBe(true);
    expect(await store.claimLogs("b", 1, LEASE, NOW + LEASE + 1)).toEqual([]);
    expect(await store.renewLease(claimed.logId, "not-the-token", LEASE, NOW)).toBe(false);
    await store.requeue(claimed.logId, NOW + 5);
    expect(await store.renewLease(claimed.logId, claimed.leaseToken, LEASE, NOW + 6)).toBe(false);
  });

  it("two claimers running at once never get the same log", async () => {
    const { store } = database;
    const other = database.openAnother();
    const logs = await queueLogs(store, 300);
    const claimLoop = async (worker: Store, name: string): Promise<number[]> => {
      const mine: number[] = [];
      for (;;) {
        const batch = await worker.claimLogs(name, 7, LEASE, NOW);
        if (batch.length === 0) return mine;
        mine.push(...logIdsOf(batch));
        // Yield between claims, so a loaded machine cannot let one loop drain the queue before the
        // others start (the assertion below is about interleaving, not about speed).
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    };
    const [a, b] = await Promise.all([
      claimLoop(store, "a"),
      claimLoop(other, "b"),
      claimLoop(other, "c"),
    ]).then(([x, y, z]) => [x, [...y, ...z]] as const);
    const all = [...a, ...b];
    expect(new Set(all).size).toBe(all.length);
    expect(all.sort((x, y) => x - y)).toEqual([...logs].sort((x, y) => x - y));
    if (factory.dialect === "postgres") {
      // Two pools really interleave on PostgreSQL: both got a share.
      expect(a.length).toBeGreaterThan(0);
      expect(b.length).toBeGreaterThan(0);
    }
  });

  it("requeue queues a finished log again now and revokes a lease in flight", async () => {
    const { store } = database;
    const [logId] = await queueLogs(store, 1);
    if (logId === undefined) throw new Error("no log");
    await ingestDue(store, () => ({ kind: "missing", httpStatus: 404 }), NOW);
    expect(await store.claimLogs("a", 1, LEASE, NOW + 1)).toEqual([]);
    await store.requeue(logId, NOW + 10);
    expect(await store.claimLogs("a", 1, LEASE, NOW + 9)).toEqual([]);
    const [again] = await store.claimLogs("a", 1, LEASE, NOW + 10);
    expect(again).toMatchObject({ logId, attempts: 1 });
    await store.requeue(logId, NOW + 20);
    const analysis = parsedOutcome(analysisFixture({ entries: 3 }));
    expect(await store.completeLog(logId, again?.leaseToken ?? "", analysis, NOW + 21)).toBe(false);
    expect(await store.claimLogs("b", 1, LEASE, NOW + 20)).toHaveLength(1);
  });

  it("requeueOutdated re-queues logs parsed by an older parser, behind never-fetched logs", async () => {
    const { store } = database;
    await queueLogs(store, 3);
    const parsed = parsedOutcome(analysisFixture({ entries: 4 }), 1);
    await ingestDue(store, (url) => (url.endsWith("server3.txt") ? undefined : parsed), NOW);
    expect(await store.requeueOutdated(1)).toBe(0);
    expect(await store.requeueOutdated(2)).toBe(2);
    expect(await store.ingestStatus()).toEqual({ total: 3, done: 0, pending: 3, failed: 0 });
    // The never-finished log 3 is under ingestDue's one-minute lease; afterwards it goes first.
    const order = await store.claimLogs("a", 10, LEASE, NOW + 60_001);
    expect(order.map((log) => log.url)).toEqual([
      "https://bucket.example/server3.txt",
      "https://bucket.example/server1.txt",
      "https://bucket.example/server2.txt",
    ]);
    // Stored results stay visible while the re-parse is pending.
    expect((await store.getConnection(1))?.server).toMatchObject({ status: "pending", entries: 4 });
  });
});
