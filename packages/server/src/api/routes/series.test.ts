import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorShape } from "../test-support/assertions.js";
import { clientLog, serverLog } from "../test-support/log-text.js";
import { buildFleet, openTestApi, type TestApi } from "../test-support/test-api.js";

/** 1000 latency points of 0.02 s, one per second from 10:00:00, with a 5 s spike at 10:08:57 (index 537). */
const SPIKE_INDEX = 537;
const latencies = Array.from({ length: 1000 }, (_, i) => (i === SPIKE_INDEX ? 5 : 0.02 + (i % 7) * 0.001));
const START = 36_000;

type Series = Record<
  "latency" | "decode_time" | "encode_time" | "encode_size",
  {
    points?: [number, number][];
    t?: number[];
    v?: number[];
    stats: Record<string, number> | null;
    totalPoints: number;
    side: string;
    unit: string;
    status: string;
  }
>;

describe("GET /api/connections/:id/series", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [
      { connectionId: 1, client: clientLog(latencies), server: serverLog([0.004, 0.006, 0.005]) },
      { connectionId: 2, client: "pending" },
    ]);
  });
  afterAll(() => t.close());

  const series = async (query: string, id = 1): Promise<Series> => {
    const response = await t.app.inject(`/api/connections/${id}/series${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Series;
  };

  it("returns the four metrics with [t, v] points, the full series' stats, side and unit", async () => {
    const body = await series("?maxPoints=0");
    expect(Object.keys(body).sort()).toEqual(["decode_time", "encode_size", "encode_time", "latency"]);
    expect(body.latency.points).toHaveLength(1000);
    expect(body.latency.points?.[0]).toEqual([START, 0.02]);
    expect(body.latency.points?.[SPIKE_INDEX]).toEqual([START + SPIKE_INDEX, 5]);
    expect(body.latency).toMatchObject({ totalPoints: 1000, side: "client", unit: "seconds", status: "ok" });
    expect(body.latency.stats).toMatchObject({ count: 1000, min: 0.02, max: 5 });
    expect(body.encode_time.points).toEqual([
      [START, 0.004],
      [START + 1, 0.006],
      [START + 2, 0.005],
    ]);
    expect(body.encode_time.stats).toEqual({
      count: 3,
      min: 0.004,
      max: 0.006,
      mean: 0.005,
      median: 0.005,
      p95: 0.0059,
      std: expect.closeTo(Math.sqrt(2e-6 / 3), 15),
    });
    expect(body.encode_size).toMatchObject({
      points: [],
      stats: null,
      totalPoints: 0,
      side: "server",
      unit: "bytes",
    });
    expect(body.decode_time).toMatchObject({ points: [], stats: null });
  });

  it("downsamples to at most maxPoints per series and keeps the spike", async () => {
    for (const maxPoints of [1, 2, 10, 100, 999]) {
      const body = await series(`?maxPoints=${maxPoints}`);
      const points = body.latency.points ?? [];
      expect(points.length).toBeLessThanOrEqual(maxPoints);
      expect(points).toContainEqual([START + SPIKE_INDEX, 5]);
      // Still in time order, and still the full series' statistics.
      expect(points.map((p) => p[0])).toEqual([...points.map((p) => p[0])].sort((a, b) => a - b));
      expect(body.latency.stats?.count).toBe(1000);
    }
    expect((await series("")).latency.points).toHaveLength(1000);
  });

  it("restricts to [from, to] at full resolution, with the whole series' stats", async () => {
    const body = await series(`?from=${START + 100}&to=${START + 199}`);
    expect(body.latency.points).toHaveLength(100);
    expect(body.latency.totalPoints).toBe(100);
    expect(body.latency.points?.[0]?.[0]).toBe(START + 100);
    expect(body.latency.stats?.count).toBe(1000);
    const zoomed = await series(`?from=${START + 500}&to=${START + 599}&maxPoints=10`);
    expect(zoomed.latency.points?.length).toBeLessThanOrEqual(10);
    expect(zoomed.latency.points).toContainEqual([START + SPIKE_INDEX, 5]);
    expect((await series(`?from=${START + 998}`)).latency.points).toHaveLength(2);
    expect((await series(`?to=${START}`)).latency.points).toHaveLength(1);
  });

  it("offers columns for uPlot with format=columns", async () => {
    const body = await series("?format=columns&maxPoints=0");
    expect(body.latency.points).toBeUndefined();
    expect(body.latency.t).toHaveLength(1000);
    expect(body.latency.v?.[SPIKE_INDEX]).toBe(5);
    expect(body.encode_time).toMatchObject({ t: [START, START + 1, START + 2], v: [0.004, 0.006, 0.005] });
  });

  it("lets the browser cache a connection whose logs are final, and revalidate one still pending", async () => {
    const final = await t.app.inject("/api/connections/1/series");
    expect(final.headers["cache-control"]).toBe("private, max-age=60");
    const etag = final.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    const notModified = await t.app.inject({
      url: "/api/connections/1/series",
      headers: { "if-none-match": etag },
    });
    expect(notModified.statusCode).toBe(304);
    const pending = await t.app.inject("/api/connections/2/series");
    expect(pending.headers["cache-control"]).toBe("no-cache");
    expect(pending.json().latency).toMatchObject({ points: [], status: "pending" });
  });

  it("answers 404 for an unknown id and 400 for bad parameters", async () => {
    expectErrorShape(await t.app.inject("/api/connections/999/series"), "not_found");
    for (const query of [
      "?maxPoints=-1",
      "?maxPoints=1000001",
      "?maxPoints=2.5",
      "?maxPoints=lots",
      "?from=abc",
      "?from=1e300",
      "?from=10&to=5",
      "?format=csv",
    ]) {
      const response = await t.app.inject(`/api/connections/1/series${query}`);
      expect(response.statusCode, query).toBe(400);
      expectErrorShape(response, "invalid_parameter");
    }
    expectErrorShape(await t.app.inject("/api/connections/x/series"), "invalid_parameter");
  });
});
