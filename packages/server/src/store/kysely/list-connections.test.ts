import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { ingestDue, parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture } from "../../test-support/log-analysis-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { ConnectionQuery, ConnectionRow, IngestOutcome, Store } from "../store.js";
import { InvalidCursorError } from "../store.js";

/** Walks every page of `query`, running `between` after each page (to change the data mid-walk). */
async function allPages(
  store: Store,
  query: ConnectionQuery,
  between: (page: number) => Promise<void> = async () => {},
): Promise<ConnectionRow[]> {
  const rows: ConnectionRow[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 1_000; page++) {
    const result = await store.listConnections({ ...query, ...(cursor === undefined ? {} : { cursor }) });
    rows.push(...result.items);
    if (result.nextCursor === null) return rows;
    cursor = result.nextCursor;
    await between(page);
  }
  throw new Error("pagination did not end");
}

const ids = (rows: readonly ConnectionRow[]): number[] => rows.map((row) => row.connectionId);

describe.each(storeFactories)("listConnections on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("returns the exact ConnectionRow shape, newest first, with percentages of entries", async () => {
    const { store } = database;
    await store.importConnections([
      connectionInput(1, { serverUrl: null }),
      connectionInput(2, { username: null, version: null, clientUrl: null }),
    ]);
    await ingestDue(store, (url) =>
      url.includes("client1")
        ? parsedOutcome(
            analysisFixture({
              levels: { INFO: 150, WARNING: 30, ERROR: 15, FATAL_ERROR: 5 },
              series: {
                latency: [
                  [1, 0.02],
                  [2, 0.04],
                  [3, 0.03],
                ],
              },
              durationSeconds: 90,
            }),
          )
        : { kind: "missing", httpStatus: 404 },
    );
    const page = await store.listConnections({ limit: 10 });
    expect(page.total).toBe(2);
    expect(page.nextCursor).toBeNull();
    expect(ids(page.items)).toEqual([2, 1]);
    expect(page.items[1]).toEqual({
      connectionId: 1,
      username: "user1@example.com",
      ip: "52.237.153.167",
      version: "1A32D5BE58D317FF",
      lastUpdated: connectionInput(1).lastUpdated,
      bookmarked: false,
      client: {
        status: "ok",
        url: "https://bucket.example/client1.txt",
        entries: 200,
        levels: { INFO: 150, WARNING: 30, ERROR: 15, FATAL_ERROR: 5 },
        errors: 20,
        warnings: 30,
        errorPct: 10,
        warningPct: 15,
        lastError: null,
      },
      server: {
        status: "not_recorded",
        url: null,
        entries: null,
        levels: null,
        errors: null,
        warnings: null,
        errorPct: null,
        warningPct: null,
        lastError: null,
      },
      medianLatency: 0.03,
      durationSeconds: 90,
    } satisfies ConnectionRow);
    expect(page.items[0]).toMatchObject({
      username: null,
      version: null,
      client: { status: "not_recorded" },
      server: { status: "missing", entries: null, errorPct: null, lastError: "HTTP 404" },
      medianLatency: null,
      durationSeconds: null,
    });
  });

  it("pages cover every row exactly once while rows are inserted between requests", async () => {
    const { store } = database;
    // Ten connections share each last_updated, so the connection_id tie-break is exercised.
    const rows = Array.from({ length: 95 }, (_, i) =>
      connectionInput(1_000 + i, { lastUpdated: 1_600_000_000_000 + Math.floor(i / 10) * 60_000 }),
    );
    await store.importConnections(rows);
    const inserted: number[] = [];
    const seen = await allPages(store, { limit: 7 }, async (page) => {
      // A newer row (before every cursor: must not appear) and an older one (after it: must appear).
      const newer = connectionInput(5_000 + page, { lastUpdated: 1_700_000_000_000 + page });
      const older = connectionInput(100 + page, { lastUpdated: 1_500_000_000_000 - page });
      inserted.push(older.connectionId);
      await store.importConnections([newer, older]);
    });
    expect(new Set(ids(seen)).size).toBe(seen.length);
    expect(ids(seen).sort()).toEqual([...ids(rows.map(toRowStub)), ...inserted].sort());
    // And the order is the list's order.
    const lastUpdated = seen.map((row) => row.lastUpdated);
    expect(lastUpdated).toEqual([...lastUpdated].sort((a, b) => b - a));
  });

  describe("filters, sorts and totals", () => {
    // Connections 1..12: versions alternate, errors and latency vary, some logs are not recorded.
    async function buildFleet(store: Store): Promise<void> {
      await store.importConnections(
        Array.from({ length: 12 }, (_, i) =>
          connectionInput(i + 1, {
            version: i % 2 === 0 ? "v-even" : "v-odd",
            clientUrl: i % 4 === 3 ? null : `https://bucket.example/client${i + 1}.txt`,
          }),
        ),
      );
      const outcomes = new Map<string, IngestOutcome>();
      for (let id = 1; id <= 12; id++) {
        const latency = id % 3 === 0 ? [] : ([[1, id / 100]] as const);
        outcomes.set(
          `https://bucket.example/client${id}.txt`,
          parsedOutcome(analysisFixture({ levels: { INFO: 100, ERROR: id % 5 }, series: { latency } })),
        );
        if (id === 5)
          outcomes.set(`https://bucket.example/server${id}.txt`, { kind: "missing", httpStatus: 403 });
        else if (id === 6)
          outcomes.set(`https://bucket.example/server${id}.txt`, {
            kind: "unavailable",
            error: "503",
            retryAt: null,
          });
        else if (id !== 7)
          outcomes.set(
            `https://bucket.example/server${id}.txt`,
            parsedOutcome(analysisFixture({ levels: { ERROR: id % 2 } })),
          );
      }
      await ingestDue(store, (url) => outcomes.get(url));
    }

    it("filters by version, status of either log, errors and bookmarks; total counts the filter", async () => {
      const { store } = database;
      await buildFleet(store);
      const matching = async (query: Omit<ConnectionQuery, "limit">) => {
        const page = await store.listConnections({ ...query, limit: 2 });
        const all = await allPages(store, { ...query, limit: 2 });
        expect(page.total).toBe(all.length);
        return ids(all).sort((a, b) => a - b);
      };
      expect(await matching({ version: "v-odd" })).toEqual([2, 4, 6, 8, 10, 12]);
      expect(await matching({ version: "nope" })).toEqual([]);
      expect(await matching({ status: "not_recorded" })).toEqual([4, 8, 12]);
      expect(await matching({ status: "missing" })).toEqual([5]);
      expect(await matching({ status: "unavailable" })).toEqual([6]);
      expect(await matching({ status: "pending" })).toEqual([7]);
      expect(await matching({ status: "invalid" })).toEqual([2, 4, 8, 10, 12]);
      // errors = client (id % 5, when recorded) + server (id % 2, when parsed):
      // 1:2 2:2 3:4 4:0 5:0 6:1 7:2 8:0 9:5 10:0 11:2 12:0
      expect(await matching({ hasErrors: false })).toEqual([4, 5, 8, 10, 12]);
      expect(await matching({ hasErrors: true })).toEqual([1, 2, 3, 6, 7, 9, 11]);
      expect(await matching({ hasErrors: true, version: "v-odd", status: "ok" })).toEqual([2, 6]);

      expect(await store.setBookmark(3, "local", true)).toBe(true);
      expect(await store.setBookmark(3, "local", true)).toBe(true);
      expect(await store.setBookmark(9, "local", true)).toBe(true);
      expect(await store.setBookmark(10, "someone-else", true)).toBe(true);
      expect(await store.setBookmark(404, "local", true)).toBe(false);
      expect(await matching({ bookmarked: true })).toEqual([3, 9]);
      expect(await matching({ bookmarked: true, userId: "someone-else" })).toEqual([10]);
      expect((await matching({ bookmarked: false })).length).toBe(10);
      expect((await store.getConnection(3))?.bookmarked).toBe(true);
      expect((await store.getConnection(10))?.bookmarked).toBe(false);
      expect((await store.getConnection(10, "someone-else"))?.bookmarked).toBe(true);
      await store.setBookmark(3, "local", false);
      expect(await matching({ bookmarked: true })).toEqual([9]);
    });

    it("sorts by total errors and by median latency (nulls last both ways), paging exactly", async () => {
      const { store } = database;
      await buildFleet(store);
      const errorsOf = (row: ConnectionRow) => (row.client.errors ?? 0) + (row.server.errors ?? 0);
      const byErrors = await allPages(store, { limit: 5, sort: "errors" });
      expect(byErrors.map(errorsOf)).toEqual(byErrors.map(errorsOf).sort((a, b) => b - a));
      expect(byErrors.map(errorsOf)[0]).toBe(5);
      const byErrorsAsc = await allPages(store, { limit: 5, sort: "errors", order: "asc" });
      expect(ids(byErrorsAsc)).toEqual(ids(byErrors).reverse());

      let added = 100;
      for (const order of ["asc", "desc"] as const) {
        const before = new Set(ids(await allPages(store, { limit: 100 })));
        // Rows inserted mid-walk (no logs: null latency) show up only if they sort after the cursor.
        const rows = await allPages(store, { limit: 3, sort: "medianLatency", order }, async () => {
          await store.importConnections([connectionInput(++added, { clientUrl: null, serverUrl: null })]);
        });
        const seen = ids(rows);
        expect(new Set(seen).size).toBe(seen.length);
        expect([...before].every((id) => seen.includes(id))).toBe(true);
        expect(seen.every((id) => before.has(id) || id > 100)).toBe(true);
        const latencies = rows.map((row) => row.medianLatency);
        const present = latencies.filter((value) => value !== null);
        expect(latencies.slice(present.length).every((value) => value === null)).toBe(true);
        expect(present).toEqual([...present].sort((a, b) => (order === "asc" ? a - b : b - a)));
        expect(present).toHaveLength(6); // no client log: 4, 8, 12; no latency points: 3, 6, 9, 12
      }
    });
  });

  it("rejects a cursor it did not issue, or issued for another sort, with InvalidCursorError", async () => {
    const { store } = database;
    await store.importConnections([connectionInput(1), connectionInput(2)]);
    const { nextCursor } = await store.listConnections({ limit: 1 });
    expect(nextCursor).not.toBeNull();
    await expect(store.listConnections({ limit: 1, cursor: "%%%" })).rejects.toThrow(InvalidCursorError);
    await expect(
      store.listConnections({ limit: 1, cursor: nextCursor ?? "", sort: "errors" }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(store.listConnections({ limit: 0 })).rejects.toThrow(RangeError);
  });
});

function toRowStub(input: { connectionId: number }): ConnectionRow {
  return { connectionId: input.connectionId } as ConnectionRow;
}
