import { describe, expect, it } from "vitest";
import { errorsVersusLatency } from "./error-latency.js";
import { sample } from "./test-support/sample-fixture.js";

describe("errorsVersusLatency", () => {
  it("pairs both logs' errors with the client's median latency, per connection with a client log", () => {
    const result = errorsVersusLatency([
      sample({ connectionId: 3, side: "client", errors: 5, medians: { latency: 0.3 } }),
      sample({ connectionId: 3, side: "server", errors: 1 }),
      sample({ connectionId: 1, side: "client", errors: 1, medians: { latency: 0.1 } }),
      sample({ connectionId: 1, side: "server", errors: 2 }),
      sample({ connectionId: 2, side: "client", errors: 0, medians: { latency: 0.05 } }),
      // No client log, and a client log without latency: no point.
      sample({ connectionId: 4, side: "server", errors: 9 }),
      sample({ connectionId: 5, side: "client", errors: 9, medians: { decode_time: 0.01 } }),
    ]);
    expect(result.points.map((p) => [p.connectionId, p.errors, p.medianLatency])).toEqual([
      [1, 3, 0.1],
      [2, 0, 0.05],
      [3, 6, 0.3],
    ]);
    expect(result.n).toBe(3);
    // x = 3, 0, 6 (mean 3); y = 0.1, 0.05, 0.3 (mean 0.15): Sxy = 0.75, Sxx = 18, Syy = 0.035,
    // r = 0.75 / sqrt(18 · 0.035) = 0.944911. Both axes rank 2, 1, 3: Spearman 1.
    expect(result.pearson).toBeCloseTo(0.944911182523068, 12);
    expect(result.spearman).toBeCloseTo(1, 12);
    expect(result.points[0]).toEqual({
      connectionId: 1,
      username: "user1@example.com",
      version: "v1",
      errors: 3,
      medianLatency: 0.1,
    });
  });

  it("gives null coefficients when they are undefined", () => {
    expect(errorsVersusLatency([])).toEqual({ n: 0, pearson: null, spearman: null, points: [] });
    const constantErrors = errorsVersusLatency([
      sample({ connectionId: 1, errors: 2, medians: { latency: 0.1 } }),
      sample({ connectionId: 2, errors: 2, medians: { latency: 0.2 } }),
    ]);
    expect(constantErrors).toMatchObject({ n: 2, pearson: null, spearman: null });
  });
});
