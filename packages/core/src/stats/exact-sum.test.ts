import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactSum, exactSumOfSquaredDeviations } from "./exact-sum.js";

describe("exactSum", () => {
  it("is exact where a plain sum loses everything", () => {
    // 1e16 + 1 − 1e16 is 1; a left-to-right sum gives 0 (1e16 + 1 rounds back to 1e16).
    expect(exactSum([1e16, 1, -1e16])).toBe(1);
    expect(1e16 + 1 - 1e16).toBe(0);
    // 0.1 ten times is 1.0000000000000000555…, which rounds to 1; the plain loop gives 0.9999999999999999.
    expect(exactSum(Array(10).fill(0.1))).toBe(1);
    expect([1e308, 1e308, -1e308].reduce((a, b) => a + b)).toBe(Number.POSITIVE_INFINITY);
    expect(exactSum([1e100, 1, -1e100, 1e-100])).toBe(1);
  });

  it("does not depend on the order of the values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e200, max: 1e200 }), {
          maxLength: 60,
        }),
        fc.nat(),
        (xs, seed) => {
          const shuffled = [...xs].sort(
            (a, b) => ((a * 7919 + seed) % 13) - ((b * 7919 + seed) % 13) || a - b,
          );
          expect(exactSum(shuffled)).toBe(exactSum(xs));
          expect(exactSum([...xs].reverse())).toBe(exactSum(xs));
        },
      ),
    );
  });

  it("equals the exact rational sum for integers that fit in a double", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), { maxLength: 100 }), (xs) => {
        const exact = xs.reduce((a, b) => a + BigInt(b), 0n);
        expect(exactSum(xs)).toBe(Number(exact));
      }),
    );
  });

  it("sums squared deviations: Σ(x − 5)² over 2,4,4,4,5,5,7,9 is 32", () => {
    expect(exactSumOfSquaredDeviations([2, 4, 4, 4, 5, 5, 7, 9], 5)).toBe(32);
  });
});
