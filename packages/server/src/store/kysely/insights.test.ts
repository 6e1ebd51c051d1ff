import { describeValues } from "@loupe/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { ingestDue, parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture, patternFixture } from "../../test-support/log-analysis-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { IngestOutcome } from "../store.js";

const T = 1_600_000_000_000;
const url = (name: string) => `https://bucket.example/${name}.txt`;
const STALL = "Decoder stalled for <num> ms";
const SLOW = "Slow frame <num>";

/**
 * 1 Ann@x.io v1 (T+1): client ok (latency, 3×STALL), server ok (2×STALL, 1×SLOW)
 * 2 ann@x.io v2 (T+2): server "shared" ok (4×STALL)          — same user as 1, other case
 * 3 (null)   v2 (T+3): server "shared" (the same log as 2), client missing
 * 4 bob      v0 (T+0): server ok (5×SLOW, 1×STALL at FATAL_ERROR), client invalid (no entries)
 * 5 bob    (null) (T+5): server pending
 */
const FLEET = [
  connectionInput(1, {
    username: "Ann@x.io",
    version: "v1",
    lastUpdated: T + 1,
    clientUrl: url("c1"),
    serverUrl: url("s1"),
  }),
  connectionInput(2, {
    username: "ann@x.io",
    version: "v2",
    lastUpdated: T + 2,
    clientUrl: null,
    serverUrl: url("shared"),
  }),
  connectionInput(3, {
    username: null,
    version: "v2",
    lastUpdated: T + 3,
    clientUrl: url("c3"),
    serverUrl: url("shared"),
  }),
  connectionInput(4, {
    username: "bob",
    version: "v0",
    lastUpdated: T,
    clientUrl: url("c4"),
    serverUrl: url("s4"),
  }),
  connectionInput(5, {
    username: "bob",
    version: null,
    lastUpdated: T + 5,
    clientUrl: null,
    serverUrl: url("s5"),
  }),
];

const OUTCOMES = new Map<string, IngestOutcome>([
  [
    url("c1"),
    parsedOutcome(
      analysisFixture({
        levels: { INFO: 20, ERROR: 3 },
        series: {
          latency: [
            [1, 0.1],
            [2, 0.3],
            [3, 0.2],
          ],
        },
        patterns: [patternFixture(STALL, 3)],
      }),
    ),
  ],
  [
    url("s1"),
    parsedOutcome(
      analysisFixture({
        levels: { INFO: 10, ERROR: 2, WARNING: 1 },
        series: { encode_time: [[1, 0.01]] },
        patterns: [patternFixture(STALL, 2), patternFixture(SLOW, 1, "WARNING")],
      }),
    ),
  ],
  [
    url("shared"),
    parsedOutcome(analysisFixture({ levels: { ERROR: 4 }, patterns: [patternFixture(STALL, 4)] })),
  ],
  [url("c3"), { kind: "missing", httpStatus: 404 }],
  [
    url("s4"),
    parsedOutcome(
      analysisFixture({
        levels: { WARNING: 5, FATAL_ERROR: 1 },
        patterns: [patternFixture(SLOW, 5, "WARNING"), patternFixture(STALL, 1, "FATAL_ERROR")],
      }),
    ),
  ],
  [url("c4"), parsedOutcome(analysisFixture({ entries: 0, levels: {} }))],
]);

describe.each(storeFactories)("insights on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
    await database.store.importConnections(FLEET);
    await ingestDue(database.store, (u) => OUTCOMES.get(u));
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("fleetSamples: one sample per ok log and connection side, with stored statistics", async () => {
    const samples = await database.store.fleetSamples();
    expect(samples.map((s) => [s.connectionId, s.side])).toEqual([
      [3, "server"],
      [2, "server"],
      [1, "client"],
      [1, "server"],
      [4, "server"],
    ]);
    expect(samples.find((s) => s.connectionId === 1 && s.side === "client")).toEqual({
      connectionId: 1,
      username: "Ann@x.io",
      version: "v1",
      lastUpdated: T + 1,
      side: "client",
      entries: 23,
      errors: 3,
      warnings: 0,
      // What the core computed and completeLog stored, round-tripped through the stats JSON.
      stats: { latency: { count: 3, median: 0.2, p95: 0.29, mean: describeValues([0.1, 0.3, 0.2])?.mean } },
    });
    expect(samples.find((s) => s.connectionId === 1 && s.side === "server")?.stats).toEqual({
      encode_time: { count: 1, median: 0.01, p95: 0.01, mean: 0.01 },
    });
  });

  it("fleetPatterns: counts, reach, versions and first sighting per (pattern, level)", async () => {
    const patterns = await database.store.fleetPatterns(10);
    expect(patterns.map((p) => [p.level, p.template])).toEqual([
      ["ERROR", STALL],
      ["WARNING", SLOW],
      ["FATAL_ERROR", STALL],
    ]);
    expect(patterns[0]).toEqual({
      patternId: patternFixture(STALL, 1).id,
      level: "ERROR",
      template: STALL,
      example: patternFixture(STALL, 1).example,
      count: 9, // 3 + 2 + 4: the shared log counts once
      logs: 3,
      connections: 3,
      users: 1, // Ann@x.io and ann@x.io are one user; connection 3 has none
      versions: ["v1", "v2"],
      firstSeen: T + 1,
      lastSeen: T + 3,
      firstVersion: "v1",
    });
    expect(patterns[1]).toMatchObject({
      count: 6,
      logs: 2,
      connections: 2,
      users: 2,
      versions: ["v0", "v1"],
      firstSeen: T,
      lastSeen: T + 1,
      firstVersion: "v0",
    });
    expect(patterns[2]).toMatchObject({
      count: 1,
      logs: 1,
      connections: 1,
      versions: ["v0"],
      firstVersion: "v0",
    });
    expect((await database.store.fleetPatterns(1)).map((p) => p.count)).toEqual([9]);
    expect(await database.store.fleetPatterns(0)).toEqual([]);
  });

  it("fleetPatterns counts only logs a connection still points at", async () => {
    const { store } = database;
    await store.importConnections([{ ...(FLEET[0] as (typeof FLEET)[number]), serverUrl: url("s1-new") }]);
    const [stall, slow] = await store.fleetPatterns(10);
    expect(stall).toMatchObject({ count: 7, logs: 2 });
    expect(slow).toMatchObject({ count: 5, logs: 1, connections: 1, versions: ["v0"] });
  });

  it("connectionsWithPattern: connections whose logs have the pattern at any level, newest first", async () => {
    const id = patternFixture(STALL, 1).id;
    expect(await database.store.connectionsWithPattern(id, 10)).toEqual([3, 2, 1, 4]);
    expect(await database.store.connectionsWithPattern(id, 2)).toEqual([3, 2]);
    expect(await database.store.connectionsWithPattern(patternFixture(SLOW, 1).id, 10)).toEqual([1, 4]);
    expect(await database.store.connectionsWithPattern("unknown", 10)).toEqual([]);
  });
});
