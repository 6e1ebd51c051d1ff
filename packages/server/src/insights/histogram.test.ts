import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.js";

describe("histogram", () => {
  it("splits [min, max] into equal bins, the last one closed", () => {
    // Width (10 - 0) / 5 = 2: [0,2) holds 0 and 1, [2,4) holds 2 and 3.9, [8,10] holds 8 and 10.
    expect(histogram([0, 1, 2, 3.9, 8, 10], 5)).toEqual([
      { from: 0, to: 2, count: 2 },
      { from: 2, to: 4, count: 2 },
      { from: 4, to: 6, count: 0 },
      { from: 6, to: 8, count: 0 },
      { from: 8, to: 10, count: 2 },
    ]);
  });

  it("puts a value on an inner edge in the upper bin", () => {
    expect(histogram([0, 5, 10], 2)).toEqual([
      { from: 0, to: 5, count: 1 },
      { from: 5, to: 10, count: 2 },
    ]);
  });

  it("gives one bin for equal values and none for no values; skips non-finite values", () => {
    expect(histogram([3, 3, 3])).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(histogram([])).toEqual([]);
    expect(histogram([Number.NaN, Number.POSITIVE_INFINITY])).toEqual([]);
    expect(histogram([1, Number.NaN, 2], 1)).toEqual([{ from: 1, to: 2, count: 2 }]);
  });

  it("copes with the extremes of doubles: subnormal widths, and a range wider than the largest double", () => {
    // Half of the smallest subnormal rounds to 0: the first bin is [0, 0), empty, and both land in the last.
    expect(histogram([5e-324, 0], 2).map((bin) => bin.count)).toEqual([0, 2]);
    const wide = histogram([-1.7e308, 0, 1.7e308], 2);
    expect(wide).toEqual([
      { from: -1.7e308, to: 0, count: 1 },
      { from: 0, to: 1.7e308, count: 2 },
    ]);
  });

  it("defaults to 20 bins and refuses a bin count that is not a positive integer", () => {
    expect(histogram([0, 1])).toHaveLength(20);
    expect(() => histogram([1, 2], 0)).toThrow(RangeError);
    expect(() => histogram([1, 2], 2.5)).toThrow(RangeError);
  });

  it("counts every finite value exactly once, inside its bin's edges", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (values, bins) => {
          const result = histogram(values, bins);
          expect(result.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
          for (const value of values) {
            const holders = result.filter(
              (bin, i) =>
                value >= bin.from && (value < bin.to || (i === result.length - 1 && value <= bin.to)),
            );
            expect(holders.length).toBeGreaterThanOrEqual(1);
          }
        },
      ),
    );
  });
});
