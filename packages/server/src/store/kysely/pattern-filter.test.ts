import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { ingestDue, parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture, patternFixture } from "../../test-support/log-analysis-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { ConnectionQuery, IngestOutcome, Store } from "../store.js";

const url = (name: string) => `https://bucket.example/${name}.txt`;
const STALL = patternFixture("Decoder stalled for <num> ms", 3);
const SLOW = patternFixture("Slow frame <num>", 2, "WARNING");
/** STALL's template logged at another level: the same pattern id. */
const STALL_AS_WARNING = { ...STALL, level: "WARNING", count: 1 };

/**
 * 1 v1: client c1 (STALL), server s1 (SLOW)
 * 2 v2: server s2 (STALL at WARNING)
 * 3 v1: client c3 (STALL) and server s3 (STALL): reached through both logs, listed once
 * 4 v2: client c1, the same log as connection 1
 * 5 v1: client c5 (no patterns), server s5 missing
 * 6 v2: client c6 (STALL) until the manifest points it at c6b (pending): no longer has it
 */
async function buildFleet(store: Store): Promise<void> {
  await store.importConnections([
    connectionInput(1, { version: "v1", clientUrl: url("c1"), serverUrl: url("s1") }),
    connectionInput(2, { version: "v2", clientUrl: null, serverUrl: url("s2") }),
    connectionInput(3, { version: "v1", clientUrl: url("c3"), serverUrl: url("s3") }),
    connectionInput(4, { version: "v2", clientUrl: url("c1"), serverUrl: null }),
    connectionInput(5, { version: "v1", clientUrl: url("c5"), serverUrl: url("s5") }),
    connectionInput(6, { version: "v2", clientUrl: url("c6"), serverUrl: null }),
  ]);
  const withPatterns = (...patterns: (typeof STALL)[]) =>
    parsedOutcome(analysisFixture({ levels: { INFO: 10, ERROR: 1 }, patterns }));
  const outcomes = new Map<string, IngestOutcome>([
    [url("c1"), withPatterns(STALL)],
    [url("s1"), withPatterns(SLOW)],
    [url("s2"), withPatterns(STALL_AS_WARNING)],
    [url("c3"), withPatterns(STALL)],
    [url("s3"), withPatterns(STALL, SLOW)],
    [url("c5"), withPatterns()],
    [url("s5"), { kind: "missing", httpStatus: 404 }],
    [url("c6"), withPatterns(STALL)],
  ]);
  await ingestDue(store, (u) => outcomes.get(u));
  // Connection 6's log changes: the old log (with STALL) no longer describes it.
  await store.importConnections([
    connectionInput(6, { version: "v2", clientUrl: url("c6b"), serverUrl: null }),
  ]);
}

describe.each(storeFactories)("the pattern filter on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
    await buildFleet(database.store);
  });
  afterEach(async () => {
    await database.dispose();
  });

  /** Every page of the query, two rows at a time; checks `total` against what the pages hold. */
  const matching = async (query: Omit<ConnectionQuery, "limit">): Promise<number[]> => {
    const { store } = database;
    const ids: number[] = [];
    let cursor: string | undefined;
    let total: number | undefined;
    for (let page = 0; page < 50; page++) {
      const result = await store.listConnections({ ...query, limit: 2, ...(cursor ? { cursor } : {}) });
      total ??= result.total;
      ids.push(...result.items.map((row) => row.connectionId));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(total).toBe(ids.length);
    expect(new Set(ids).size).toBe(ids.length);
    return ids;
  };

  it("lists the connections either of whose current logs has the pattern, at any level, once each", async () => {
    expect((await matching({ pattern: STALL.id })).sort()).toEqual([1, 2, 3, 4]);
    expect((await matching({ pattern: SLOW.id })).sort()).toEqual([1, 3]);
  });

  it("finds what connectionsWithPattern finds, in the list's order", async () => {
    const { store } = database;
    for (const pattern of [STALL.id, SLOW.id]) {
      expect(await matching({ pattern })).toEqual([...(await store.connectionsWithPattern(pattern, 100))]);
    }
  });

  it("combines with the other filters and every sort", async () => {
    expect((await matching({ pattern: STALL.id, version: "v1" })).sort()).toEqual([1, 3]);
    expect(await matching({ pattern: SLOW.id, version: "v2" })).toEqual([]);
    expect((await matching({ pattern: STALL.id, q: "user" })).sort()).toEqual([1, 2, 3, 4]);
    expect(await matching({ pattern: STALL.id, q: "user3@" })).toEqual([3]);
    expect((await matching({ pattern: SLOW.id, hasErrors: true })).sort()).toEqual([1, 3]);
    await database.store.setBookmark(4, "local", true);
    expect(await matching({ pattern: STALL.id, bookmarked: true })).toEqual([4]);
    for (const sort of ["lastUpdated", "errors", "medianLatency"] as const) {
      for (const order of ["asc", "desc"] as const) {
        expect((await matching({ pattern: STALL.id, sort, order })).sort()).toEqual([1, 2, 3, 4]);
      }
    }
  });

  it("matches nothing for an unknown id, and takes the id literally", async () => {
    expect(await matching({ pattern: "no-such-pattern" })).toEqual([]);
    expect(await matching({ pattern: "%" })).toEqual([]);
    expect(await matching({ pattern: `${STALL.id}' or '1'='1` })).toEqual([]);
    expect(await matching({ pattern: "p-\u0000" })).toEqual([]);
    expect(await matching({ pattern: STALL.id.toUpperCase() })).toEqual([]);
    // The insights' own lookup too (PostgreSQL refuses NUL even as a parameter: found by the route fuzz).
    expect(await database.store.connectionsWithPattern("p-\u0000", 10)).toEqual([]);
    expect(await database.store.connectionsWithPattern(STALL.id, 10)).not.toEqual([]);
  });
});
