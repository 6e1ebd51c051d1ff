import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pearson, spearman } from "./correlation.js";
import { rankAverage } from "./rank.js";

/** Paired samples of exactly representable values (integers), so transforms below are exact or nearly so. */
const pairs = fc
  .array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), {
    minLength: 2,
    maxLength: 60,
  })
  .map((list) => ({ xs: list.map(([x]) => x), ys: list.map(([, y]) => y) }));

/** Pairs with few distinct values, so that ties are everywhere. */
const tiedPairs = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), {
    minLength: 2,
    maxLength: 40,
  })
  .map((list) => ({ xs: list.map(([x]) => x), ys: list.map(([, y]) => y) }));

describe("pearson", () => {
  it("computes a small example by hand", () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: means 3 and 4; dx = -2, -1, 0, 1, 2; dy = -2, 0, 1, 0, 1
    // Σdx·dy = 4 + 0 + 0 + 0 + 2 = 6, Σdx² = 10, Σdy² = 4 + 0 + 1 + 0 + 1 = 6 -> r = 6 / sqrt(60) = sqrt(0.6)
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(Math.sqrt(0.6), 15);
  });

  it("gives r = 0.816 for each dataset of Anscombe's quartet (Anscombe 1973, Am. Stat. 27:17–21)", () => {
    // The published 0.816 is truncated, not rounded (dataset IV is 0.8165...): r must lie in [0.816, 0.817).
    const x = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5];
    const y1 = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68];
    const y2 = [9.14, 8.14, 8.74, 8.77, 9.26, 8.1, 6.13, 3.1, 9.13, 7.26, 4.74];
    const y3 = [7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73];
    const x4 = [8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8];
    const y4 = [6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.5, 5.56, 7.91, 6.89];
    for (const [xs, ys] of [
      [x, y1],
      [x, y2],
      [x, y3],
      [x4, y4],
    ] as const) {
      const r = pearson(xs, ys) ?? Number.NaN;
      expect(r).toBeGreaterThanOrEqual(0.816);
      expect(r).toBeLessThan(0.817);
    }
  });

  it("is null when undefined: fewer than 2 pairs, a constant sample, a NaN", () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
    expect(pearson([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(pearson([1, 2, 3], [0.1, 0.1, 0.1])).toBeNull();
    expect(pearson([1, Number.NaN, 3], [1, 2, 3])).toBeNull();
  });

  it("rejects samples of different lengths", () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
  });

  it("is symmetric and within [-1, 1]", () => {
    fc.assert(
      fc.property(pairs, ({ xs, ys }) => {
        const r = pearson(xs, ys);
        expect(pearson(ys, xs)).toBe(r);
        if (r !== null) {
          expect(r).toBeGreaterThanOrEqual(-1);
          expect(r).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("is ±1 for exactly linear data", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: 2, maxLength: 50 }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        (xs, slope, intercept) => {
          expect(
            pearson(
              xs,
              xs.map((x) => slope * x + intercept),
            ),
          ).toBeCloseTo(1, 12);
          expect(
            pearson(
              xs,
              xs.map((x) => -slope * x + intercept),
            ),
          ).toBeCloseTo(-1, 12);
        },
      ),
    );
  });

  it("is invariant under positive affine maps of either sample, and flips sign under negative ones", () => {
    fc.assert(
      fc.property(
        pairs,
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        ({ xs, ys }, scale, offset) => {
          const r = pearson(xs, ys);
          const scaled = xs.map((x) => scale * x + offset);
          if (r === null) {
            expect(pearson(scaled, ys)).toBeNull();
            return;
          }
          expect(pearson(scaled, ys)).toBeCloseTo(r, 10);
          expect(
            pearson(
              xs,
              ys.map((y) => offset - scale * y),
            ),
          ).toBeCloseTo(-r, 10);
        },
      ),
    );
  });
});

describe("spearman", () => {
  it("reproduces the IQ / hours of TV example of Wikipedia's 'Spearman's rank correlation coefficient'", () => {
    // No ties: ρ = 1 - 6 Σd² / (n (n² - 1)) = 1 - 6 * 194 / (10 * 99) = -29/165 ≈ -0.1758
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const hoursOfTv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, hoursOfTv)).toBeCloseTo(-29 / 165, 14);
  });

  it("uses average ranks for ties, worked by hand", () => {
    // x = 1, 1, 2, 3 -> ranks 1.5, 1.5, 3, 4; y = 1, 2, 2, 3 -> ranks 1, 2.5, 2.5, 4; both rank means 2.5
    // dx = -1, -1, 0.5, 1.5; dy = -1.5, 0, 0, 1.5
    // Σdx·dy = 1.5 + 0 + 0 + 2.25 = 3.75; Σdx² = 1 + 1 + 0.25 + 2.25 = 4.5; Σdy² = 2.25 + 2.25 = 4.5
    // ρ = 3.75 / sqrt(4.5 * 4.5) = 3.75 / 4.5 = 5/6
    expect(spearman([1, 1, 2, 3], [1, 2, 2, 3])).toBeCloseTo(5 / 6, 15);
  });

  it("is null when undefined and rejects samples of different lengths", () => {
    expect(spearman([1], [1])).toBeNull();
    expect(spearman([5, 5, 5], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, Number.NaN], [1, 2, 3])).toBeNull();
    expect(() => spearman([1, 2], [1])).toThrow(RangeError);
  });

  it("equals Pearson's r of the average ranks", () => {
    fc.assert(
      fc.property(tiedPairs, ({ xs, ys }) => {
        expect(spearman(xs, ys)).toBe(pearson(rankAverage(xs), rankAverage(ys)));
      }),
    );
  });

  it("is unchanged by strictly increasing transforms and negated by decreasing ones", () => {
    fc.assert(
      fc.property(fc.oneof(pairs, tiedPairs), ({ xs, ys }) => {
        const rho = spearman(xs, ys);
        // x³ and e^(x/1000) are strictly increasing and keep these integers distinct: same ranks, same ρ.
        expect(
          spearman(
            xs.map((x) => x ** 3),
            ys,
          ),
        ).toBe(rho);
        expect(
          spearman(
            xs,
            ys.map((y) => Math.exp(y / 1000)),
          ),
        ).toBe(rho);
        const negated = spearman(
          xs.map((x) => -x),
          ys,
        );
        if (rho === null) expect(negated).toBeNull();
        else expect(negated).toBeCloseTo(-rho, 12);
      }),
    );
  });

  it("is symmetric, within [-1, 1], and 1 for any strictly increasing relation", () => {
    fc.assert(
      fc.property(fc.oneof(pairs, tiedPairs), ({ xs, ys }) => {
        const rho = spearman(xs, ys);
        expect(spearman(ys, xs)).toBe(rho);
        if (rho !== null) {
          expect(rho).toBeGreaterThanOrEqual(-1);
          expect(rho).toBeLessThanOrEqual(1);
        }
        if (new Set(xs).size > 1)
          expect(
            spearman(
              xs,
              xs.map((x) => Math.atan(x / 100)),
            ),
          ).toBeCloseTo(1, 12);
      }),
    );
  });
});
