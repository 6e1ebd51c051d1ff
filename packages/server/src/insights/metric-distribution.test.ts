import { describeValues } from "@loupe/core";
import { describe, expect, it } from "vitest";
import { metricDistributions } from "./metric-distribution.js";
import { sample } from "./test-support/sample-fixture.js";

describe("metricDistributions", () => {
  it("describes and bins the per-log medians of each metric", () => {
    const result = metricDistributions(
      [
        sample({ connectionId: 1, medians: { latency: 1 } }),
        sample({ connectionId: 2, medians: { latency: 2 } }),
        sample({ connectionId: 3, medians: { latency: 4 } }),
        sample({ connectionId: 4, medians: { latency: 5 } }),
        sample({ connectionId: 4, side: "server", medians: { encode_size: 1000 } }),
      ],
      4,
    );
    // Medians 1, 2, 4, 5: median 3, mean 3, population std sqrt((4 + 1 + 1 + 4) / 4) = 1.5811.
    expect(result.latency.logs).toBe(4);
    expect(result.latency.stats).toMatchObject({ count: 4, min: 1, max: 5, median: 3, mean: 3 });
    expect(result.latency.stats?.std).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(result.latency.stats).toEqual(describeValues([1, 2, 4, 5]));
    expect(result.latency.histogram).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 1 },
      { from: 3, to: 4, count: 0 },
      { from: 4, to: 5, count: 2 },
    ]);
    expect(result.encode_size).toEqual({
      logs: 1,
      stats: describeValues([1000]),
      histogram: [{ from: 1000, to: 1000, count: 1 }],
    });
    expect(result.decode_time).toEqual({ logs: 0, stats: null, histogram: [] });
  });

  it("uses 20 bins by default", () => {
    const samples = [0, 1, 2].map((median, i) => sample({ connectionId: i, medians: { latency: median } }));
    expect(metricDistributions(samples).latency.histogram).toHaveLength(20);
  });
});
