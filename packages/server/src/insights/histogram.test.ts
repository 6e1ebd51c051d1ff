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

describe("histogramWithTail", () => {
  it("gives a long tail a bin of its own and splits the rest over the others", async () => {
    const { histogramWithTail } = await import("./histogram.js");
    const values = [...Array.from({ length: 990 }, (_, i) => 10 + (i % 99) / 10), 500, 900, 5000];
    const bins = histogramWithTail(values, 10);
    expect(bins).toHaveLength(10);
    const tail = bins.at(-1);
    // Q1 12.4, Q3 17.4 (NumPy's linear quantiles of these 993 values): the fence is Q3 + 3·IQR = 32; the
    // three outliers are the tail, the body keeps its own range.
    expect(tail?.count).toBe(3);
    expect(tail?.to).toBe(5000);
    expect(tail?.from).toBeCloseTo(17.4 + 3 * (17.4 - 12.4), 6);
    expect(bins[0]?.from).toBe(10);
    expect(bins.at(-2)?.to).toBe(19.8);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(values.length);
    // The body is spread out, not one bar: every one of its 9 bins holds something.
    expect(bins.slice(0, -1).every((bin) => bin.count > 0)).toBe(true);
  });

  it("is the plain histogram when nothing stands out, or too few bins to spare one", async () => {
    const { histogram, histogramWithTail } = await import("./histogram.js");
    const even = Array.from({ length: 500 }, (_, i) => i);
    expect(histogramWithTail(even, 20)).toEqual(histogram(even, 20));
    expect(histogramWithTail([1, 2, 1000], 2)).toEqual(histogram([1, 2, 1000], 2));
    expect(histogramWithTail([], 20)).toEqual([]);
    expect(histogramWithTail([Number.NaN, 4, 4], 20)).toEqual([{ from: 4, to: 4, count: 2 }]);
  });
});
