import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";

describe.each(storeFactories)("username search on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("searches usernames case-insensitively with % _ and \\ as literal characters", async () => {
    const { store } = database;
    const names = [
      "Noah@Example.com",
      "noah_1@x.io",
      "noahX1@x.io",
      "50%off@x.io",
      "500ff@x.io",
      "a\\b@x.io",
      "ab@x.io",
    ];
    await store.importConnections([
      ...names.map((username, i) => connectionInput(i + 1, { username })),
      connectionInput(99, { username: null }),
    ]);
    const search = async (q: string) =>
      (await store.listConnections({ limit: 50, q })).items
        .map((row) => row.connectionId)
        .sort((a, b) => a - b);
    expect(await search("NOAH")).toEqual([1, 2, 3]);
    expect(await search("h@ex")).toEqual([1]);
    expect(await search("_")).toEqual([2]);
    expect(await search("noah_")).toEqual([2]);
    expect(await search("%")).toEqual([4]);
    expect(await search("0%o")).toEqual([4]);
    expect(await search("\\")).toEqual([6]);
    expect(await search("a\\b")).toEqual([6]);
    expect(await search("nobody")).toEqual([]);
    expect(await search("no\u0000ah")).toEqual([]);
    expect((await store.listConnections({ limit: 50, q: "" })).total).toBe(names.length + 1);
  });

  it("combines with filters, and total counts every match, not the page", async () => {
    const { store } = database;
    await store.importConnections(
      Array.from({ length: 30 }, (_, i) =>
        connectionInput(i + 1, { username: `Team-${i % 3}@x.io`, version: i % 2 === 0 ? "a" : "b" }),
      ),
    );
    const page = await store.listConnections({ limit: 4, q: "TEAM-1" });
    expect(page.items).toHaveLength(4);
    expect(page.total).toBe(10);
    expect((await store.listConnections({ limit: 4, q: "team-1", version: "a" })).total).toBe(5);
  });
});
