import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { ingestDue, parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture } from "../../test-support/log-analysis-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { ConnectionQuery } from "../store.js";

/**
 * The list caches its totals per data generation (count-cache.ts) and the API whole pages: every write,
 * in this process or another, must move the generation, or a cached answer would be stale.
 */
describe.each(storeFactories)("the data generation on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  const total = (query: Omit<ConnectionQuery, "limit"> = {}) =>
    database.store.listConnections({ limit: 1, ...query }).then((page) => page.total);

  it("stays put while nothing is written, so caches hit", async () => {
    const { store } = database;
    await store.importConnections([connectionInput(1)]);
    const before = await store.dataGeneration();
    await total();
    await store.claimLogs("w", 10, 60_000, Date.now());
    expect(await store.dataGeneration()).toBe(before);
  });

  it("moves with every write, and every cached total follows at once", async () => {
    const { store } = database;
    await store.importConnections([connectionInput(1), connectionInput(2, { clientUrl: null })]);
    const generations = new Set([await store.dataGeneration()]);
    expect(await total()).toBe(2);
    expect(await total({ q: "user3" })).toBe(0);
    expect(await total({ bookmarked: true })).toBe(0);
    expect(await total({ status: "ok" })).toBe(0);

    await store.importConnections([connectionInput(3)]);
    generations.add(await store.dataGeneration());
    expect(await total()).toBe(3);
    expect(await total({ q: "user3" })).toBe(1);

    await store.setBookmark(2, "u", true);
    generations.add(await store.dataGeneration());
    expect(await total({ bookmarked: true, userId: "u" })).toBe(1);

    const errors = analysisFixture({ levels: { INFO: 5, ERROR: 2 } });
    await ingestDue(store, (url) => (url.includes("client1.") ? parsedOutcome(errors) : undefined));
    generations.add(await store.dataGeneration());
    expect(await total({ status: "ok" })).toBe(1);
    expect(await total({ hasErrors: true })).toBe(1);

    const logs = await store.connectionLogs(1);
    await store.requeue(logs?.client ?? -1, Date.now());
    generations.add(await store.dataGeneration());
    expect(await total({ status: "ok" })).toBe(0);
    expect(generations.size).toBe(5);
  });

  it("moves when another process writes", async () => {
    const { store, options } = database;
    await store.importConnections([connectionInput(1, { username: "before@x.io" })]);
    expect(await total({ q: "after" })).toBe(0);
    const before = await store.dataGeneration();
    if ("sqlitePath" in options) {
      // Stores of one process share a connection (sqlite.ts); another process has its own.
      const other = new Database(options.sqlitePath);
      try {
        other.prepare("update connections set username_lower = 'after@x.io' where connection_id = 1").run();
      } finally {
        other.close();
      }
    } else {
      await database.openAnother().importConnections([connectionInput(1, { username: "after@x.io" })]);
    }
    expect(await store.dataGeneration()).not.toBe(before);
    expect(await total({ q: "after" })).toBe(1);
    expect(await total({ q: "before" })).toBe(0);
  });
});
