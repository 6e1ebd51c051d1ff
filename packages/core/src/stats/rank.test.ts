import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankAverage } from "./rank.js";
import { averageRanksOfSorted, endOfTieRun, lowerBound } from "./tie-runs.js";

/** Values with frequent ties: small integers, sometimes halves. */
const tieProneValues = fc.array(
  fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -10, max: 10, noNaN: true })),
  { maxLength: 80 },
);

/** The definition itself: 1 + (number of smaller values) + (number of other equal values) / 2. O(n²). */
function naiveRank(values: readonly number[], index: number): number {
  const value = values[index] as number;
  let smaller = 0;
  let equal = 0;
  for (const other of values) {
    if (other < value) smaller++;
    else if (other === value) equal++;
  }
  return smaller + (equal + 1) / 2;
}

describe("rankAverage", () => {
  it("gives tied values the mean of the ranks they span", () => {
    // 10 -> rank 1; the two 20s span ranks 2 and 3 -> (2 + 3) / 2 = 2.5 each; 30 -> rank 4
    expect(Array.from(rankAverage([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    // SciPy's rankdata documentation example: rankdata([0, 2, 3, 2]) -> [1, 2.5, 4, 2.5]
    expect(Array.from(rankAverage([0, 2, 3, 2]))).toEqual([1, 2.5, 4, 2.5]);
    // Three-way tie spanning ranks 1, 2, 3 -> 2 each; then 4
    expect(Array.from(rankAverage([7, 7, 9, 7]))).toEqual([2, 2, 4, 2]);
  });

  it("returns an empty array for an empty input", () => {
    expect(rankAverage([]).length).toBe(0);
  });

  it("ranks NaN as NaN and the other values among themselves; -0 ties with 0", () => {
    const ranks = rankAverage([3, Number.NaN, 1]);
    expect(ranks[0]).toBe(2);
    expect(ranks[1]).toBeNaN();
    expect(ranks[2]).toBe(1);
    expect(Array.from(rankAverage([0, -0, -1]))).toEqual([2.5, 2.5, 1]);
  });

  it("ranks infinities at the ends", () => {
    expect(Array.from(rankAverage([Number.POSITIVE_INFINITY, 0, Number.NEGATIVE_INFINITY]))).toEqual([
      3, 2, 1,
    ]);
  });

  it("does not modify its input", () => {
    const values = [3, 1, 2];
    rankAverage(values);
    expect(values).toEqual([3, 1, 2]);
  });

  it("matches the counting definition of the average rank", () => {
    fc.assert(
      fc.property(tieProneValues, (values) => {
        const ranks = rankAverage(values);
        values.forEach((_, i) => {
          expect(ranks[i]).toBe(naiveRank(values, i));
        });
      }),
    );
  });

  it("sums to n(n + 1) / 2, stays within [1, n] and preserves order", () => {
    fc.assert(
      fc.property(tieProneValues, (values) => {
        const ranks = rankAverage(values);
        const n = values.length;
        let sum = 0;
        for (const rank of ranks) {
          sum += rank;
          expect(rank).toBeGreaterThanOrEqual(1);
          expect(rank).toBeLessThanOrEqual(n);
        }
        expect(sum).toBe((n * (n + 1)) / 2); // half-integers: the sum is exact
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < n; j++) {
            const [vi, vj] = [values[i] as number, values[j] as number];
            if (vi < vj) expect(ranks[i]).toBeLessThan(ranks[j] as number);
            if (vi === vj) expect(ranks[i]).toBe(ranks[j]);
          }
        }
      }),
    );
  });
});

describe("averageRanksOfSorted / endOfTieRun / lowerBound", () => {
  it("work on a sorted sample, worked by hand", () => {
    const sorted = [1, 2, 2, 2, 5];
    // positions 1..3 hold the 2s: ranks 2, 3, 4 -> mean 3
    expect(Array.from(averageRanksOfSorted(sorted))).toEqual([1, 3, 3, 3, 5]);
    expect(endOfTieRun(sorted, 1)).toBe(4);
    expect(endOfTieRun(sorted, 4)).toBe(5);
    expect(lowerBound(sorted, 2)).toBe(1);
    expect(lowerBound(sorted, 3)).toBe(4);
    expect(lowerBound(sorted, 0)).toBe(0);
    expect(lowerBound(sorted, 9)).toBe(5);
  });
});
