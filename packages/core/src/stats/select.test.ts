import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimumOf, selectInPlace } from "./select.js";

const sortedCopy = (xs: readonly number[]) => Float64Array.from(xs).sort();

describe("selectInPlace", () => {
  it("puts the k-th smallest value at k, smaller ones before it and larger ones after it", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (xs, seed) => {
          const k = seed % xs.length;
          const a = Float64Array.from(xs);
          selectInPlace(a, k);
          const sorted = sortedCopy(xs);
          expect(a[k]).toBe(sorted[k]);
          for (let i = 0; i < k; i++) expect(a[i] as number).toBeLessThanOrEqual(a[k] as number);
          for (let i = k + 1; i < a.length; i++)
            expect(a[i] as number).toBeGreaterThanOrEqual(a[k] as number);
          expect(Float64Array.from(a).sort()).toEqual(sorted);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("handles heavy ties and already ordered or reversed inputs", () => {
    for (const xs of [
      Array.from({ length: 1000 }, (_, i) => i % 3),
      Array.from({ length: 1000 }, (_, i) => i),
      Array.from({ length: 1000 }, (_, i) => 1000 - i),
      Array.from({ length: 1000 }, () => 7),
    ]) {
      for (const k of [0, 1, 499, 500, 998, 999]) {
        const a = Float64Array.from(xs);
        selectInPlace(a, k);
        expect(a[k]).toBe(sortedCopy(xs)[k]);
      }
    }
  });

  it("selects within a sub-range only", () => {
    const a = Float64Array.from([9, 8, 5, 1, 4, 3, 2]);
    selectInPlace(a, 4, 2, 7); // [5, 1, 4, 3, 2] sorted is [1, 2, 3, 4, 5]: index 4 of a is its 3rd smallest
    expect(a[4]).toBe(3);
    expect([a[0], a[1]]).toEqual([9, 8]);
    expect(minimumOf(a, 2, 7)).toBe(1);
  });
});
