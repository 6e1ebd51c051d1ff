import { describeValues } from "@loupe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApi } from "../app.js";
import { expectErrorShape } from "../test-support/assertions.js";
import { clientLog, serverLog } from "../test-support/log-text.js";
import { BASE_TIME, buildFleet, openTestApi, storeWith, type TestApi } from "../test-support/test-api.js";

const iso = (minute: number) => new Date(BASE_TIME + minute * 60_000).toISOString();

/**
 * A hand-built fleet. Latency medians per client log: c1 0.02, c2 0.04 (v1); c4 0.2, c5 0.5 (v2);
 * c6 0.07 (unknown version). Encode-time medians: c1 0.005, c3 0.002 (v1); c4 0.01 (v2).
 * Entries / errors: v1 = c1 (4/1 + 3/1) + c2 (2/0) + c3 (3/2) = 12/4; v2 = c4 (6/3 + 1/0) + c5 (1/0) = 8/3.
 */
const FLEET = [
  {
    connectionId: 1,
    version: "v1",
    minute: 1,
    client: clientLog([0.01, 0.02, 0.03], [[36100, "ERROR", "Socket 12 closed"]]),
    server: serverLog([0.004, 0.006], [[36100, "ERROR", "Socket 40 closed"]]),
  },
  { connectionId: 2, version: "v1", minute: 2, client: clientLog([0.03, 0.05]) },
  {
    connectionId: 3,
    version: "v1",
    minute: 3,
    username: "shared@example.com",
    server: serverLog(
      [0.002],
      [
        [36100, "ERROR", "Decoder 3 failed"],
        [36101, "ERROR", "Decoder 4 failed"],
      ],
    ),
  },
  {
    connectionId: 4,
    version: "v2",
    minute: 10,
    client: clientLog(
      [0.1, 0.2, 0.3],
      [
        [36100, "ERROR", "Socket 1 closed"],
        [36101, "ERROR", "Socket 2 closed"],
        [36102, "ERROR", "Socket 3 closed"],
      ],
    ),
    server: serverLog([0.01]),
  },
  { connectionId: 5, version: "v2", minute: 11, client: clientLog([0.5]) },
  { connectionId: 6, version: null, minute: 12, client: clientLog([0.07]) },
  // Not ingested: no part of any insight.
  { connectionId: 7, version: "v3", minute: 20, client: "pending" as const },
];

describe("GET /api/insights/*", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, FLEET);
  });
  afterAll(() => t.close());

  const get = async (url: string) => {
    const response = await t.app.inject(url);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["cache-control"]).toBe("private, max-age=5");
    return response.json();
  };

  it("patterns: counts, logs, connections, users, versions, first/last seen, template and example", async () => {
    const { items } = await get("/api/insights/patterns");
    expect(items).toEqual([
      {
        id: expect.any(String),
        level: "ERROR",
        template: "Socket <num> closed",
        example: expect.stringMatching(/^Socket \d+ closed$/),
        count: 5,
        logs: 3,
        connections: 2,
        users: 2,
        versions: ["v1", "v2"],
        firstSeen: iso(1),
        lastSeen: iso(10),
        firstVersion: "v1",
      },
      {
        id: expect.any(String),
        level: "ERROR",
        template: "Decoder <num> failed",
        example: "Decoder 3 failed",
        count: 2,
        logs: 1,
        connections: 1,
        users: 1,
        versions: ["v1"],
        firstSeen: iso(3),
        lastSeen: iso(3),
        firstVersion: "v1",
      },
    ]);
    expect((await get("/api/insights/patterns?limit=1")).items).toHaveLength(1);
    const socket = items[0].id as string;
    const connections = await get(`/api/insights/patterns/${socket}/connections`);
    expect([...connections.connectionIds].sort()).toEqual([1, 4]);
    expect(await get("/api/insights/patterns/unknown-pattern/connections")).toEqual({ connectionIds: [] });
  });

  it("versions: by first seen, medians of per-log medians, error rate and the test against the previous one", async () => {
    const { items } = await get("/api/insights/versions");
    expect(items.map((v: { version: string | null }) => v.version)).toEqual(["v1", "v2", null]);
    const [v1, v2, unknown] = items;
    expect(v1).toMatchObject({
      firstSeen: iso(1),
      lastSeen: iso(3),
      connections: 3,
      logs: 4,
      entries: 12,
      errors: 4,
      errorRate: 4 / 12,
    });
    expect(v1.metrics.latency).toEqual({ logs: 2, median: 0.03, test: null });
    expect(v1.metrics.encode_time).toEqual({ logs: 2, median: 0.0035, test: null });
    expect(v2).toMatchObject({ connections: 2, logs: 3, entries: 8, errors: 3, errorRate: 3 / 8 });
    // [0.02, 0.04] vs [0.2, 0.5]: U = 4, μ = 2, σ² = 4/12 · 5, z = 1.5 / σ = 1.16190, p = 0.122639.
    expect(v2.metrics.latency.median).toBeCloseTo(0.35, 15);
    expect(v2.metrics.latency.test).toEqual({
      against: "v1",
      pValue: expect.closeTo(0.1226390584033864, 12),
      rankBiserial: 1,
      regression: false,
    });
    expect(v2.metrics.encode_time.test).toMatchObject({ against: "v1", rankBiserial: 1, regression: false });
    expect(v2.metrics.decode_time).toEqual({ logs: 0, median: null, test: null });
    expect(unknown).toMatchObject({ version: null, connections: 1 });
    expect(unknown.metrics.latency).toEqual({ logs: 1, median: 0.07, test: null });
  });

  it("error-latency: both logs' errors vs the client's median latency, with Pearson and Spearman", async () => {
    const body = await get("/api/insights/error-latency");
    expect(
      body.points.map((p: { connectionId: number; errors: number; medianLatency: number }) => [
        p.connectionId,
        p.errors,
        p.medianLatency,
      ]),
    ).toEqual([
      [1, 2, 0.02],
      [2, 0, 0.04],
      [4, 3, 0.2],
      [5, 0, 0.5],
      [6, 0, 0.07],
    ]);
    expect(body.n).toBe(5);
    // x = 2,0,3,0,0 (mean 1), y mean 0.166: Sxy = -0.19, Sxx = 8, Syy = 0.15912 → r = -0.168402.
    expect(body.pearson).toBeCloseTo(-0.16840160346705876, 12);
    // Ranks x = 4,2,5,2,2 and y = 1,2,4,5,3: Sxy = -1, Sxx = 8, Syy = 10 → ρ = -1/√80.
    expect(body.spearman).toBeCloseTo(-1 / Math.sqrt(80), 12);
    expect(body.points[0]).toEqual({
      connectionId: 1,
      username: "user1@example.com",
      version: "v1",
      errors: 2,
      medianLatency: 0.02,
    });
  });

  it("metrics: statistics and a 20-bin histogram of the per-log medians", async () => {
    const body = await get("/api/insights/metrics");
    expect(body.latency.logs).toBe(5);
    expect(body.latency.stats).toEqual(describeValues([0.02, 0.04, 0.2, 0.5, 0.07]));
    expect(body.latency.stats).toMatchObject({ count: 5, min: 0.02, max: 0.5, median: 0.07 });
    expect(body.latency.histogram).toHaveLength(20);
    expect(body.latency.histogram[0]).toMatchObject({ from: 0.02, count: 2 });
    expect(body.latency.histogram.at(-1)).toMatchObject({ to: 0.5, count: 1 });
    expect(body.latency.histogram.reduce((sum: number, bin: { count: number }) => sum + bin.count, 0)).toBe(
      5,
    );
    expect(body.encode_time.stats).toEqual(describeValues([0.005, 0.002, 0.01]));
    expect(body.encode_size).toEqual({ logs: 0, stats: null, histogram: [] });
  });

  it("tags each answer and revalidates it with 304", async () => {
    const first = await t.app.inject("/api/insights/versions");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    const again = await t.app.inject({ url: "/api/insights/versions", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
  });

  it("rejects a bad limit with 400 JSON", async () => {
    for (const query of ["?limit=0", "?limit=501", "?limit=x"]) {
      expectErrorShape(await t.app.inject(`/api/insights/patterns${query}`), "invalid_parameter");
    }
  });

  it("reads the fleet once for a burst of requests, and again after a write", async () => {
    const reads = { groups: 0, errorLatency: 0 };
    const counting = storeWith(t.store, {
      fleetVersionGroups: () => {
        reads.groups++;
        return t.store.fleetVersionGroups();
      },
      fleetErrorLatency: (maxPoints: number) => {
        reads.errorLatency++;
        return t.store.fleetErrorLatency(maxPoints);
      },
    });
    const app = await buildApi({ store: counting });
    try {
      const urls = ["/api/insights/versions", "/api/insights/error-latency", "/api/insights/metrics"];
      const responses = await Promise.all([...urls, ...urls].map((url) => app.inject(url)));
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200, 200]);
      // Versions and metrics share one read of the per-version aggregates.
      expect(reads).toEqual({ groups: 1, errorLatency: 1 });
      await Promise.all(urls.map((url) => app.inject(url)));
      expect(reads).toEqual({ groups: 1, errorLatency: 1 });
      // Any write moves the data generation: the next request reads the fleet again.
      await t.store.setBookmark(1, "local", true);
      await Promise.all(urls.map((url) => app.inject(url)));
      expect(reads).toEqual({ groups: 2, errorLatency: 2 });
      await t.store.setBookmark(1, "local", false);
    } finally {
      await app.close();
    }
  });
});
