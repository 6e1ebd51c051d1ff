import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";

describe.each(storeFactories)("importConnections on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("inserts new connections and queues one log per URL", async () => {
    const { store } = database;
    const result = await store.importConnections([
      connectionInput(1),
      connectionInput(2, { clientUrl: null }),
      connectionInput(3, { clientUrl: "", serverUrl: null }),
    ]);
    expect(result).toEqual({ inserted: 3, updated: 0, unchanged: 0, logsQueued: 3 });
    expect(await store.ingestStatus()).toEqual({ total: 3, done: 0, pending: 3, failed: 0 });
    expect(await store.connectionLogs(3)).toEqual({});
    expect(await store.connectionLogs(404)).toBeUndefined();
    const row = await store.getConnection(2);
    expect(row?.client.status).toBe("not_recorded");
    expect(row?.server.status).toBe("pending");
    expect(row?.server.url).toBe("https://bucket.example/server2.txt");
  });

  it("is idempotent: importing the same rows again changes and queues nothing", async () => {
    const { store } = database;
    const rows = Array.from({ length: 1_234 }, (_, i) => connectionInput(i + 1));
    expect(await store.importConnections(rows)).toEqual({
      inserted: 1_234,
      updated: 0,
      unchanged: 0,
      logsQueued: 2_468,
    });
    const before = await store.listConnections({ limit: 5 });
    expect(await store.importConnections(rows)).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 1_234,
      logsQueued: 0,
    });
    expect(await store.listConnections({ limit: 5 })).toEqual(before);
    expect((await store.ingestStatus()).total).toBe(2_468);
  });

  it("fetches a URL shared by two connections once", async () => {
    const { store } = database;
    const shared = "https://bucket.example/server-shared.txt";
    const result = await store.importConnections([
      connectionInput(1, { serverUrl: shared }),
      connectionInput(2, { serverUrl: shared, clientUrl: null }),
    ]);
    expect(result.logsQueued).toBe(2);
    const [first, second] = [await store.connectionLogs(1), await store.connectionLogs(2)];
    expect(first?.server).toBeDefined();
    expect(second?.server).toBe(first?.server);
    const claimed = await store.claimLogs("w", 10, 60_000, Date.now());
    expect(claimed.map((log) => log.url).filter((url) => url === shared)).toHaveLength(1);
  });

  it("points a connection whose URL changed at the log of the new URL and queues it if new", async () => {
    const { store } = database;
    await store.importConnections([connectionInput(1), connectionInput(2)]);
    const before = await store.connectionLogs(1);
    const [claimed] = await store.claimLogs("w", 1, 60_000, Date.now());
    expect(claimed).toBeDefined();

    const changed = await store.importConnections([
      connectionInput(1, { serverUrl: "https://bucket.example/server1-reuploaded.txt" }),
      connectionInput(2),
    ]);
    expect(changed).toEqual({ inserted: 0, updated: 1, unchanged: 1, logsQueued: 1 });
    const after = await store.connectionLogs(1);
    expect(after?.client).toBe(before?.client);
    expect(after?.server).not.toBe(before?.server);
    expect((await store.getConnection(1))?.server).toMatchObject({
      status: "pending",
      url: "https://bucket.example/server1-reuploaded.txt",
    });

    // Pointing at a URL another connection already has reuses that log: nothing new to fetch.
    const reused = await store.importConnections([
      connectionInput(1, { serverUrl: "https://bucket.example/server2.txt" }),
    ]);
    expect(reused).toEqual({ inserted: 0, updated: 1, unchanged: 0, logsQueued: 0 });
    expect((await store.connectionLogs(1))?.server).toBe((await store.connectionLogs(2))?.server);
  });

  it("updates changed fields, lets the last of repeated ids win and keeps search in step", async () => {
    const { store } = database;
    await store.importConnections([connectionInput(1, { username: "Old@Example.com" })]);
    const result = await store.importConnections([
      connectionInput(1, { username: "first@example.com" }),
      connectionInput(1, { username: "Noah@Example.com", version: null, ip: "10.0.0.1" }),
    ]);
    expect(result).toEqual({ inserted: 0, updated: 1, unchanged: 0, logsQueued: 0 });
    const row = await store.getConnection(1);
    expect(row).toMatchObject({ username: "Noah@Example.com", version: null, ip: "10.0.0.1" });
    expect((await store.listConnections({ limit: 10, q: "noah" })).total).toBe(1);
    expect((await store.listConnections({ limit: 10, q: "old" })).total).toBe(0);
  });

  it("counts exactly across statement chunks (more than 500 rows, URLs shared across chunks)", async () => {
    const { store } = database;
    const rows = Array.from({ length: 1_100 }, (_, i) =>
      connectionInput(i + 1, { clientUrl: null, serverUrl: `https://bucket.example/vm${i % 600}.txt` }),
    );
    expect(await store.importConnections(rows)).toEqual({
      inserted: 1_100,
      updated: 0,
      unchanged: 0,
      logsQueued: 600,
    });
  });
});
