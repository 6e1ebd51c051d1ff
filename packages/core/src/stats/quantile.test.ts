import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { lerpLikeNumpy, medianSorted, quantileSorted } from "./quantile.js";

const sortedSample = fc
  .array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: -5, max: 5 })), {
    minLength: 1,
    maxLength: 100,
  })
  .map((values) => Float64Array.from(values).sort());

describe("quantileSorted (NumPy's default 'linear' method)", () => {
  it("interpolates between the closest ranks, worked by hand", () => {
    // [1, 2, 3, 4], q = 0.95: h = 3 * 0.95 = 2.85, between sorted[2] = 3 and sorted[3] = 4 at t = 0.85
    // -> 3 + 0.85 * (4 - 3) = 3.85
    expect(quantileSorted([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 14);
    // [10, 20, 30, 40, 50], q = 0.25: h = 4 * 0.25 = 1 exactly -> sorted[1] = 20
    expect(quantileSorted([10, 20, 30, 40, 50], 0.25)).toBe(20);
    // q = 0.1: h = 0.4 -> 10 + 0.4 * 10 = 14
    expect(quantileSorted([10, 20, 30, 40, 50], 0.1)).toBeCloseTo(14, 13);
    // 1..20, q = 0.95: h = 19 * 0.95 = 18.05 -> 19 + 0.05 * (20 - 19) = 19.05
    expect(
      quantileSorted(
        Array.from({ length: 20 }, (_, i) => i + 1),
        0.95,
      ),
    ).toBeCloseTo(19.05, 13);
  });

  it("returns the ends at q = 0 and q = 1 and the only value of a single-value sample", () => {
    expect(quantileSorted([-3, 1, 8], 0)).toBe(-3);
    expect(quantileSorted([-3, 1, 8], 1)).toBe(8);
    expect(quantileSorted([42], 0.95)).toBe(42);
  });

  it("matches NumPy bit for bit where the two lerp formulas round differently", () => {
    // sorted [0.02, 0.87], q = 0.95: h = 0.95, t = 0.95 >= 0.5, so NumPy's _lerp computes
    // b - (b - a) * (1 - t) = 0.87 - 0.85 * 0.05 -> 0.8274999999999999, whereas a + (b - a) * t rounds to 0.8275.
    // Reference: np.percentile([0.87, 0.02], 95) == 0.8274999999999999 (NumPy 2.4.6).
    expect(0.02 + (0.87 - 0.02) * 0.95).toBe(0.8275); // the naive formula really differs here
    expect(quantileSorted([0.02, 0.87], 0.95)).toBe(0.8274999999999999);
    // np.percentile([0.86, 0.34], 95) == 0.834; the naive formula gives 0.8340000000000001.
    expect(0.34 + (0.86 - 0.34) * 0.95).toBe(0.8340000000000001);
    expect(quantileSorted([0.34, 0.86], 0.95)).toBe(0.834);
    // np.percentile([2, 4, 4, 4, 5, 5, 7, 9], 95) == 8.299999999999999 (h = 7 * 0.95 = 6.6499999999999995)
    expect(quantileSorted([2, 4, 4, 4, 5, 5, 7, 9], 0.95)).toBe(8.299999999999999);
  });

  it("returns an end that equals its neighbour without inf - inf arithmetic", () => {
    expect(quantileSorted([1, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY], 0.75)).toBe(
      Number.POSITIVE_INFINITY,
    );
    expect(lerpLikeNumpy(5, 5, 0.3)).toBe(5);
  });

  it("rejects an empty sample and q outside [0, 1]", () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], -0.01)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], 1.01)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], Number.NaN)).toThrow(RangeError);
  });

  it("is non-decreasing in q and stays within [min, max]", () => {
    fc.assert(
      fc.property(
        sortedSample,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sorted, q1, q2) => {
          const [low, high] = q1 <= q2 ? [q1, q2] : [q2, q1];
          const atLow = quantileSorted(sorted, low);
          const atHigh = quantileSorted(sorted, high);
          expect(atLow).toBeLessThanOrEqual(atHigh);
          expect(atLow).toBeGreaterThanOrEqual(sorted[0] as number);
          expect(atHigh).toBeLessThanOrEqual(sorted[sorted.length - 1] as number);
        },
      ),
    );
  });

  it("is exact at every q that lands on a rank: q = k / (n - 1) gives sorted[k]", () => {
    fc.assert(
      fc.property(sortedSample, fc.nat(), (sorted, seed) => {
        const n = sorted.length;
        if (n < 2) return;
        // Only k / (n - 1) values whose product with (n - 1) rounds back to exactly k land on a rank.
        const k = seed % n;
        const q = k / (n - 1);
        if ((n - 1) * q !== k) return;
        // + 0 equates -0 and 0: lerp(-0, b, 0) = -0 + b·0 = +0, in NumPy as well.
        expect(quantileSorted(sorted, q) + 0).toBe((sorted[k] as number) + 0);
      }),
    );
  });
});

describe("medianSorted", () => {
  it("takes the middle value of an odd count and the mean of the two middle values of an even count", () => {
    expect(medianSorted([1, 2, 3])).toBe(2);
    // (4 + 5) / 2 = 4.5
    expect(medianSorted([2, 4, 4, 4, 5, 5, 7, 9])).toBe(4.5);
    // (0.1 + 0.2) / 2 = 0.30000000000000004 / 2 = 0.15000000000000002, as np.median([0.1, 0.2]) gives
    expect(medianSorted([0.1, 0.2])).toBe(0.15000000000000002);
  });

  it("does not overflow when the two middle values are near the largest double", () => {
    // (1.5e308 + 1.7e308) overflows to Infinity; the true mean 1.6e308 is representable.
    expect(medianSorted([1.5e308, 1.7e308])).toBeCloseTo(1.6e308, -293);
    expect(Number.isFinite(medianSorted([1.5e308, 1.7e308]))).toBe(true);
  });

  it("rejects an empty sample", () => {
    expect(() => medianSorted([])).toThrow(RangeError);
  });
});
