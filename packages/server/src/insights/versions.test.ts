import { describe, expect, it } from "vitest";
import { originPlusMinutes, type SampleSpec, sample } from "./test-support/sample-fixture.js";
import { compareVersions } from "./versions.js";

const latencyLogs = (version: string | null, minute: number, medians: readonly number[], firstId: number) =>
  medians.map(
    (median, i): SampleSpec => ({ connectionId: firstId + i, version, minute, medians: { latency: median } }),
  );

describe("compareVersions", () => {
  it("orders versions by first seen (not by name) and lists the unknown version last", () => {
    const result = compareVersions(
      [
        { connectionId: 1, version: null, minute: 0 },
        { connectionId: 2, version: "b", minute: 5 },
        { connectionId: 3, version: "a", minute: 10 },
        { connectionId: 4, version: "b", minute: 20 },
        { connectionId: 5, version: "c", minute: 10 },
      ].map(sample),
    );
    expect(result.map((v) => v.version)).toEqual(["b", "a", "c", null]);
    expect(result[0]).toMatchObject({ firstSeen: originPlusMinutes(5), lastSeen: originPlusMinutes(20) });
  });

  it("takes the median of per-log medians and errors / entries over the version's logs", () => {
    const specs: SampleSpec[] = [
      {
        connectionId: 1,
        side: "client",
        entries: 100,
        errors: 5,
        medians: { latency: 0.01, decode_time: 0.004 },
      },
      { connectionId: 1, side: "server", entries: 300, errors: 15, medians: { encode_time: 0.02 } },
      { connectionId: 2, side: "client", entries: 0, errors: 0, medians: { latency: 0.03 } },
      { connectionId: 3, side: "client", entries: 100, errors: 0, medians: { latency: 0.02 } },
    ];
    const [v1] = compareVersions(specs.map(sample));
    expect(v1).toMatchObject({
      version: "v1",
      connections: 3,
      logs: 4,
      entries: 500,
      errors: 20,
      errorRate: 20 / 500,
    });
    expect(v1?.metrics.latency).toEqual({ logs: 3, median: 0.02, test: null });
    expect(v1?.metrics.decode_time).toEqual({ logs: 1, median: 0.004, test: null });
    expect(v1?.metrics.encode_time).toEqual({ logs: 1, median: 0.02, test: null });
    expect(v1?.metrics.encode_size).toEqual({ logs: 0, median: null, test: null });
  });

  it("has no error rate without entries", () => {
    const [v1] = compareVersions([sample({ connectionId: 1, entries: 0 })]);
    expect(v1?.errorRate).toBeNull();
  });

  it("flags a regression: significantly larger per-log medians with a large effect", () => {
    // v1 = 1..5, v2 = 6..10: every v2 log is slower. U = 25, μ = 12.5, σ² = 25/12 · 11,
    // z = (25 - 12.5 - 0.5) / σ = 2.50672, p = 1 - Φ(z) = 0.0060929 (SciPy agrees); rank-biserial 1.
    const result = compareVersions(
      [...latencyLogs("v1", 0, [1, 2, 3, 4, 5], 1), ...latencyLogs("v2", 10, [6, 7, 8, 9, 10], 11)].map(
        sample,
      ),
    );
    const test = result[1]?.metrics.latency.test;
    expect(test?.against).toBe("v1");
    expect(test?.pValue).toBeCloseTo(0.006092890177672406, 12);
    expect(test?.rankBiserial).toBe(1);
    expect(test?.regression).toBe(true);
  });

  it("does not flag an improvement, nor a difference that is not significant", () => {
    const improvement = compareVersions(
      [...latencyLogs("v1", 0, [6, 7, 8, 9, 10], 1), ...latencyLogs("v2", 10, [1, 2, 3, 4, 5], 11)].map(
        sample,
      ),
    );
    expect(improvement[1]?.metrics.latency.test).toMatchObject({ rankBiserial: -1, regression: false });
    expect(improvement[1]?.metrics.latency.test?.pValue).toBeCloseTo(0.9966923245172357, 12);

    // 1..3 vs 4..6: U = 9, σ² = 9/12 · 7, z = 4 / σ = 1.74574, p = 0.040428: not below 0.01.
    const small = compareVersions(
      [...latencyLogs("v1", 0, [1, 2, 3], 1), ...latencyLogs("v2", 10, [4, 5, 6], 11)].map(sample),
    );
    expect(small[1]?.metrics.latency.test?.pValue).toBeCloseTo(0.04042779918502612, 12);
    expect(small[1]?.metrics.latency.test?.regression).toBe(false);
  });

  it("does not flag a significant but negligible effect (rank-biserial below 0.2)", () => {
    // 300 logs at 1 vs 255 at 1 and 45 at 2: uB = 45·300 + 255·300/2 = 51750, uA = 38250,
    // rank-biserial = 13500 / 90000 = 0.15; p ≈ 1.6e-12.
    const before = Array.from({ length: 300 }, () => 1);
    const after = [...Array.from({ length: 255 }, () => 1), ...Array.from({ length: 45 }, () => 2)];
    const result = compareVersions(
      [...latencyLogs("v1", 0, before, 1), ...latencyLogs("v2", 10, after, 1001)].map(sample),
    );
    const test = result[1]?.metrics.latency.test;
    expect(test?.rankBiserial).toBeCloseTo(0.15, 12);
    expect(test?.pValue).toBeLessThan(1e-11);
    expect(test?.regression).toBe(false);
  });

  it("compares with the latest earlier version that has the metric; never tests the unknown version", () => {
    const result = compareVersions(
      [
        ...latencyLogs("v1", 0, [1, 2, 3], 1),
        { connectionId: 10, version: "v2", minute: 5, side: "server" as const, medians: { encode_time: 1 } },
        ...latencyLogs("v3", 10, [4, 5, 6], 20),
        ...latencyLogs(null, 20, [9, 9], 30),
      ].map(sample),
    );
    expect(result.map((v) => v.version)).toEqual(["v1", "v2", "v3", null]);
    expect(result[1]?.metrics.latency).toEqual({ logs: 0, median: null, test: null });
    expect(result[2]?.metrics.latency.test?.against).toBe("v1");
    expect(result[3]?.metrics.latency.test).toBeNull();
  });

  it("uses each metric only from the side that writes it", () => {
    const [v1] = compareVersions([
      sample({ connectionId: 1, side: "server", medians: { latency: 5, encode_size: 1000 } }),
      sample({ connectionId: 1, side: "client", medians: { encode_size: 7 } }),
    ]);
    expect(v1?.metrics.latency.logs).toBe(0);
    expect(v1?.metrics.encode_size).toEqual({ logs: 1, median: 1000, test: null });
  });

  it("returns nothing for no samples", () => {
    expect(compareVersions([])).toEqual([]);
  });
});
