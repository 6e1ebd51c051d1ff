import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSorted, describeValues, quantileSorted } from "./describe.js";

/** Finite values, with small integers mixed in so that ties and repeated values are common. */
const finiteValue = fc.oneof(
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -5, max: 5 }),
);
const sample = fc.array(finiteValue, { minLength: 1, maxLength: 200 });

/** The statistics written the plain way: comparator sort, direct formulas, a plain summation loop. */
function naiveDescribe(values: readonly number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const at = (i: number): number => sorted[i] as number;
  let sum = 0;
  for (const v of sorted) sum += v;
  const mean = sum / n;
  let squares = 0;
  for (const v of sorted) squares += (v - mean) ** 2;
  const median = n % 2 === 1 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
  // NumPy "linear": h = (n - 1) q, then NumPy's _lerp between the neighbours.
  const h = (n - 1) * 0.95;
  const lo = Math.floor(h);
  let p95: number;
  if (h >= n - 1) p95 = at(n - 1);
  else {
    const a = at(lo);
    const b = at(lo + 1);
    const t = h - lo;
    p95 = a === b ? a : t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
  }
  return { count: n, min: at(0), max: at(n - 1), mean, median, p95, std: Math.sqrt(squares / n) };
}

/** |actual - expected| within `relative` of the data's magnitude (for sums, where rounding order differs). */
function expectNear(actual: number, expected: number, magnitude: number, relative = 1e-12) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.max(magnitude, Number.MIN_VALUE));
}

describe("describeValues", () => {
  it("reproduces the population standard deviation example of Wikipedia's 'Standard deviation' article", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40 / 8 = 5; squared deviations 9 + 1 + 1 + 1 + 0 + 0 + 4 + 16 = 32;
    // population variance 32 / 8 = 4, std 2. Median (4 + 5) / 2 = 4.5.
    // p95: h = 7 * 0.95 = 6.65 -> between 7 and 9 at t = 0.65 -> 7 + 0.65 * 2 = 8.3
    const stats = describeValues([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(stats).not.toBeNull();
    expect(stats?.count).toBe(8);
    expect(stats?.min).toBe(2);
    expect(stats?.max).toBe(9);
    expect(stats?.mean).toBe(5);
    expect(stats?.median).toBe(4.5);
    expect(stats?.std).toBe(2);
    expect(stats?.p95).toBeCloseTo(8.3, 13);
  });

  it("handles an odd count in any order", () => {
    // 3, 1, 2: mean 2, median 2, squared deviations 1 + 1 + 0 = 2 -> std sqrt(2 / 3);
    // p95: h = 2 * 0.95 = 1.9 -> 2 + 0.9 * (3 - 2) = 2.9
    const stats = describeValues([3, 1, 2]);
    expect(stats?.median).toBe(2);
    expect(stats?.mean).toBe(2);
    expect(stats?.std).toBeCloseTo(Math.sqrt(2 / 3), 15);
    expect(stats?.p95).toBeCloseTo(2.9, 14);
  });

  it("describes a single value as itself with std 0", () => {
    expect(describeValues([0.004121])).toEqual({
      count: 1,
      min: 0.004121,
      max: 0.004121,
      mean: 0.004121,
      median: 0.004121,
      p95: 0.004121,
      std: 0,
    });
  });

  it("returns null for an empty series", () => {
    expect(describeValues([])).toBeNull();
    expect(describeValues(new Float64Array(0))).toBeNull();
    expect(describeSorted([])).toBeNull();
  });

  it("reports zero as 0, never -0", () => {
    // A C logger prints a tiny negative number with %f as "-0.000000".
    const stats = describeValues([-0, -0, 0]);
    for (const key of ["min", "max", "mean", "median", "p95", "std"] as const) {
      expect(Object.is(stats?.[key], 0)).toBe(true);
    }
  });

  it("does not modify its input", () => {
    const values = [3, 1, 2];
    const typed = Float64Array.of(3, 1, 2);
    describeValues(values);
    describeValues(typed);
    expect(values).toEqual([3, 1, 2]);
    expect(Array.from(typed)).toEqual([3, 1, 2]);
  });

  it("sums with compensation: the 1 in [1e16, 1, -1e16] is not lost", () => {
    // Exact sum 1, mean 1/3. A plain left-to-right sum of the sorted values gives -1e16 + 1 = -1e16
    // (doubles near 1e16 are 2 apart; the tie rounds to even), then + 1e16 = 0.
    expect(-1e16 + 1 + 1e16).toBe(0);
    expect(describeValues([1e16, 1, -1e16])?.mean).toBe(1 / 3);
  });

  it("computes the std in two passes, exact for a large offset (Wikipedia 'Algorithms for calculating variance')", () => {
    // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10 (exact), deviations -6, -3, 3, 6, squares 36 + 9 + 9 + 36 = 90,
    // population variance 90 / 4 = 22.5. Every step is exact in doubles, so std is exactly sqrt(22.5);
    // the one-pass formula E[x²] - E[x]² loses all digits here.
    const stats = describeValues([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]);
    expect(stats?.mean).toBe(1e9 + 10);
    expect(stats?.std).toBe(Math.sqrt(22.5));
  });

  it("gives NaN statistics (but the count) when a value is NaN, as NumPy does", () => {
    const stats = describeValues([1, Number.NaN, 3]);
    expect(stats?.count).toBe(3);
    for (const key of ["min", "max", "mean", "median", "p95", "std"] as const) {
      expect(stats?.[key]).toBeNaN();
    }
  });

  it("keeps min <= median <= max, min <= p95 <= max, min <= mean <= max and std >= 0", () => {
    fc.assert(
      fc.property(sample, (values) => {
        const stats = describeValues(values);
        if (stats === null) throw new Error("non-empty input gave null");
        expect(stats.count).toBe(values.length);
        expect(stats.min).toBeLessThanOrEqual(stats.median);
        expect(stats.median).toBeLessThanOrEqual(stats.max);
        expect(stats.min).toBeLessThanOrEqual(stats.p95);
        expect(stats.p95).toBeLessThanOrEqual(stats.max);
        expect(stats.min).toBeLessThanOrEqual(stats.mean);
        expect(stats.mean).toBeLessThanOrEqual(stats.max);
        expect(stats.std).toBeGreaterThanOrEqual(0);
        expect(stats.median).toBeLessThanOrEqual(stats.p95);
      }),
    );
  });

  it("does not depend on the order of the values (exactly)", () => {
    const sampleAndPermutation = sample.chain((values) =>
      fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length })),
    );
    fc.assert(
      fc.property(sampleAndPermutation, ([values, permuted]) => {
        expect(describeValues(permuted)).toEqual(describeValues(values));
      }),
    );
  });

  it("gives std 0 and the value itself for a constant series", () => {
    fc.assert(
      fc.property(finiteValue, fc.integer({ min: 1, max: 300 }), (value, count) => {
        const stats = describeValues(new Array<number>(count).fill(value));
        expect(stats?.std).toBe(0);
        expect(stats?.mean).toBe(value + 0); // + 0: zero is reported as 0, never -0
        expect(stats?.median).toBe(value + 0);
        expect(stats?.p95).toBe(value + 0);
      }),
    );
  });

  it("shifts min, max, mean, median and p95 by c when every value is shifted by c", () => {
    fc.assert(
      fc.property(sample, fc.double({ min: -1e6, max: 1e6, noNaN: true }), (values, shift) => {
        const before = describeValues(values);
        const after = describeValues(values.map((v) => v + shift));
        if (before === null || after === null) throw new Error("non-empty input gave null");
        // Each shifted value carries one rounding of size <= eps * (|v| + |c|); allow a few of them.
        const magnitude = Math.max(Math.abs(before.min), Math.abs(before.max)) + Math.abs(shift);
        const tolerance = 8 * Number.EPSILON * magnitude;
        for (const key of ["min", "max", "mean", "median", "p95"] as const) {
          expect(Math.abs(after[key] - (before[key] + shift))).toBeLessThanOrEqual(tolerance);
        }
        // The spread does not move (up to the same roundings of the deviations).
        expect(Math.abs(after.std - before.std)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it("agrees with a plain reference implementation: exactly for order statistics, closely for sums", () => {
    fc.assert(
      fc.property(sample, (values) => {
        const stats = describeValues(values);
        const reference = naiveDescribe(values);
        if (stats === null) throw new Error("non-empty input gave null");
        expect(stats.count).toBe(reference.count);
        // "+ 0" equates -0 and 0, whose order the comparator sort leaves as it found it.
        expect(stats.min).toBe(reference.min + 0);
        expect(stats.max).toBe(reference.max + 0);
        expect(stats.median).toBe(reference.median + 0);
        expect(stats.p95).toBe(reference.p95 + 0);
        const magnitude = Math.max(Math.abs(reference.min), Math.abs(reference.max));
        expectNear(stats.mean, reference.mean, magnitude);
        expectNear(stats.std, reference.std, magnitude);
      }),
      { numRuns: 300 },
    );
  });

  it("computes p95 as quantileSorted(sorted, 0.95) and agrees with describeSorted", () => {
    fc.assert(
      fc.property(sample, (values) => {
        const sorted = Float64Array.from(values).sort();
        expect(describeSorted(sorted)).toEqual(describeValues(values));
        expect(describeValues(values)?.p95).toBe(quantileSorted(sorted, 0.95) + 0);
      }),
    );
  });

  it("handles a million values without trouble", () => {
    // 0, 1, ..., 999999 shuffled deterministically: mean 499999.5; median (499999 + 500000) / 2 = 499999.5;
    // population variance (n² - 1) / 12 for 0..n-1, so std = sqrt((1e12 - 1) / 12);
    // p95: h = 999999 * 0.95 = 949999.05 -> 949999 + 0.05 = 949999.05
    const n = 1_000_000;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = (i * 7919) % n; // 7919 is prime and coprime with 10^6
    const stats = describeValues(values);
    expect(stats?.mean).toBe(499999.5);
    expect(stats?.median).toBe(499999.5);
    expect(stats?.std).toBeCloseTo(Math.sqrt((1e12 - 1) / 12), 6);
    expect(stats?.p95).toBeCloseTo(949999.05, 6);
  });
});
