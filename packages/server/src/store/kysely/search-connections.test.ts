import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { Store } from "../store.js";
import { INDEX_DRIVEN_MAX_MATCHES } from "./username-search.js";

/** Every match of `q`, through every page, sorted by id; and the total the first page reported. */
async function searchAll(store: Store, q: string): Promise<{ ids: number[]; total: number }> {
  const ids: number[] = [];
  let cursor: string | undefined;
  let total = -1;
  do {
    const page = await store.listConnections({ limit: 500, q, ...(cursor === undefined ? {} : { cursor }) });
    if (total === -1) total = page.total;
    ids.push(...page.items.map((row) => row.connectionId));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { ids: ids.sort((a, b) => a - b), total };
}

/** Characters that are special somewhere on the way: LIKE, FTS5 query syntax, case folding, UTF-16. */
const NAME_CHARS = ["a", "b", "A", "B", "%", "_", "\\", '"', "*", " ", "é", "É", "ß", "İ", "😀", "-", ":"];

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

  it("finds exactly the usernames that contain the needle, for any needle (both search paths agree)", async () => {
    const { store } = database;
    const nameArbitrary = fc
      .array(fc.constantFrom(...NAME_CHARS), { minLength: 0, maxLength: 8 })
      .map((chars) => chars.join(""));
    const names = fc.sample(nameArbitrary, { numRuns: 150, seed: 7 });
    await store.importConnections(names.map((username, i) => connectionInput(i + 1, { username })));
    const needles = fc.oneof(
      fc.array(fc.constantFrom(...NAME_CHARS), { minLength: 1, maxLength: 5 }).map((chars) => chars.join("")),
      // Substrings of stored names, in another case: these must be found.
      fc.tuple(fc.constantFrom(...names), fc.nat(), fc.nat()).map(([name, a, b]) => {
        // By code point: a URL cannot carry half a surrogate pair, so neither can a needle.
        const chars = [...name];
        const [from, to] = [a % (chars.length + 1), b % (chars.length + 1)].sort((x, y) => x - y);
        return chars.slice(from, to).join("").toUpperCase();
      }),
    );
    await fc.assert(
      fc.asyncProperty(needles, async (needle) => {
        if (needle === "") return;
        const expected = names
          .map((name, i) => (name.toLowerCase().includes(needle.toLowerCase()) ? i + 1 : 0))
          .filter((id) => id > 0);
        const found = await searchAll(store, needle);
        expect(found.ids).toEqual(expected);
        expect(found.total).toBe(expected.length);
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it("pages a needle too common for the index in list order, with an exact total", async () => {
    const { store } = database;
    const common = INDEX_DRIVEN_MAX_MATCHES + 1;
    await store.importConnections([
      ...Array.from({ length: common }, (_, i) => connectionInput(i + 1, { username: `smith${i}@x.io` })),
      connectionInput(common + 1, { username: "Goldsmith-Rare@x.io" }),
      connectionInput(common + 2, { username: "jones@x.io" }),
    ]);
    const broad = await store.listConnections({ limit: 3, q: "SMITH" });
    expect(broad.total).toBe(common + 1);
    // Newest first (connectionInput's last_updated grows with the id).
    expect(broad.items.map((row) => row.connectionId)).toEqual([common + 1, common, common - 1]);
    expect((await searchAll(store, "smith")).ids).toHaveLength(common + 1);
    const rare = await store.listConnections({ limit: 3, q: "goldsmith" });
    expect(rare.items.map((row) => row.connectionId)).toEqual([common + 1]);
    expect(rare.total).toBe(1);
  });

  it("follows a username changed by a later import", async () => {
    const { store } = database;
    await store.importConnections([connectionInput(1, { username: "Olivia@x.io" })]);
    expect((await searchAll(store, "olivia")).ids).toEqual([1]);
    await store.importConnections([connectionInput(1, { username: "Amelia@x.io" })]);
    expect((await searchAll(store, "olivia")).ids).toEqual([]);
    expect((await searchAll(store, "amelia")).ids).toEqual([1]);
    await store.importConnections([connectionInput(1, { username: null })]);
    expect((await searchAll(store, "amelia")).ids).toEqual([]);
  });
});
