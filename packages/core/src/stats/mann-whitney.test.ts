import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type MannWhitneyAlternative, mannWhitneyU } from "./mann-whitney.js";
import { normalSf } from "./normal.js";

const alternatives: readonly MannWhitneyAlternative[] = ["greater", "less", "two-sided"];
const alternative = fc.constantFrom(...alternatives);
/** Samples with many ties (small integers) or none (doubles). */
const sample = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 30 }),
  fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 30 }),
);
const integerSample = fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 30 });

/** U of b from its definition: pairs where b wins, plus half the tied pairs. */
function countedU(a: readonly number[], b: readonly number[]): number {
  let u = 0;
  for (const y of b) for (const x of a) u += y > x ? 1 : y === x ? 0.5 : 0;
  return u;
}

/**
 * SciPy's `mannwhitneyu(x=b, y=a, method="asymptotic", use_continuity=True)` transcribed plainly
 * (scipy/stats/_mannwhitneyu.py): U1 of x from ranks, U = U1 / U2 / max(U1, U2) for greater / less /
 * two-sided, z = (U - μ - 0.5) / σ, p = f · sf(z) clipped to [0, 1] with f = 2 for two-sided.
 */
function scipyPValue(a: readonly number[], b: readonly number[], alt: MannWhitneyAlternative): number {
  const n1 = b.length;
  const n2 = a.length;
  const n = n1 + n2;
  const u1 = countedU(a, b);
  const u2 = n1 * n2 - u1;
  const u = alt === "greater" ? u1 : alt === "less" ? u2 : Math.max(u1, u2);
  const counts = new Map<number, number>();
  for (const v of [...b, ...a]) counts.set(v, (counts.get(v) ?? 0) + 1); // Map keys treat -0 as 0, like ===
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t ** 3 - t;
  const s = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = (u - (n1 * n2) / 2 - 0.5) / s;
  const p = (alt === "two-sided" ? 2 : 1) * normalSf(z);
  return Math.min(1, Math.max(0, p));
}

describe("mannWhitneyU", () => {
  it("reproduces the example of SciPy's mannwhitneyu documentation (Conover): diagnosis ages", () => {
    const females = [20, 11, 17, 12];
    const males = [19, 22, 16, 29, 24];
    // Pooled order: 11a 12a 16b 17a 19b 20a 22b 24b 29b -> male ranks 3 + 5 + 7 + 8 + 9 = 32
    // uB = 32 - 5·6/2 = 17, uA = 4·5 - 17 = 3 (the documentation's U_M = 17, U_F = 3)
    // μ = 20/2 = 10, no ties: σ² = 20/12 · (9 + 1) = 50/3, σ = 4.0825
    // two-sided: z = (|17 - 10| - 0.5) / σ = 6.5 / 4.0825 = 1.5922; normal table Φ(1.59) = 0.9441 -> p ≈ 0.111;
    // the documentation prints p = 0.11134688653314041 for method="asymptotic".
    const result = mannWhitneyU(females, males);
    expect(result).not.toBeNull();
    expect(result?.u).toBe(17);
    expect(result?.uB).toBe(17);
    expect(result?.uA).toBe(3);
    expect(result?.z).toBeCloseTo(6.5 / Math.sqrt(50 / 3), 14);
    expect(result?.pValue).toBeCloseTo(0.11134688653314041, 14);
    // Effect sizes: (17 - 3) / 20 = 0.7, 17 / 20 = 0.85
    expect(result?.rankBiserial).toBeCloseTo(0.7, 15);
    expect(result?.probabilityOfSuperiority).toBeCloseTo(0.85, 15);
    expect(result?.nA).toBe(4);
    expect(result?.nB).toBe(5);
    // One-sided: "greater" reads the same z, p = 1 - Φ(1.5922) ≈ 0.0557;
    // "less": z = (7 + 0.5) / σ = 1.8371, p = Φ(1.8371) ≈ 0.967 (table: Φ(1.84) = 0.9671)
    expect(mannWhitneyU(females, males, "greater")?.pValue).toBeCloseTo(0.11134688653314041 / 2, 14);
    expect(mannWhitneyU(females, males, "less")?.z).toBeCloseTo(7.5 / Math.sqrt(50 / 3), 14);
    expect(mannWhitneyU(females, males, "less")?.pValue).toBeCloseTo(0.967, 3);
  });

  it("corrects for ties, worked by hand", () => {
    const a = [1, 2, 2, 3];
    const b = [2, 3, 4, 5];
    // Pooled: 1a | 2a 2a 2b (ranks 2, 3, 4 -> 3 each) | 3a 3b (ranks 5, 6 -> 5.5) | 4b (7) | 5b (8)
    // R_B = 3 + 5.5 + 7 + 8 = 23.5, uB = 23.5 - 4·5/2 = 13.5, uA = 16 - 13.5 = 2.5
    // (by pairs: b=2 beats 1, ties two 2s -> 2; b=3 beats 1, 2, 2, ties 3 -> 3.5; 4 and 5 beat all -> 4 + 4)
    // Tie groups t = 3 and t = 2: Σ(t³ - t) = 24 + 6 = 30; n = 8
    // σ² = 16/12 · (9 - 30/56) = 4/3 · 237/28 = 79/7, μ = 8
    // greater: z = (13.5 - 8 - 0.5) / sqrt(79/7) = 5 / 3.3594 = 1.4884; normal table: Φ(1.48) = 0.9306,
    // Φ(1.49) = 0.9319, so p = 1 - Φ(z) lies in (0.0681, 0.0694); SciPy gives 0.06832912386907375.
    const greater = mannWhitneyU(a, b, "greater");
    expect(greater?.uB).toBe(13.5);
    expect(greater?.uA).toBe(2.5);
    expect(greater?.z).toBeCloseTo(5 / Math.sqrt(79 / 7), 14);
    expect(greater?.pValue).toBeGreaterThan(0.0681);
    expect(greater?.pValue).toBeLessThan(0.0694);
    expect(greater?.pValue).toBeCloseTo(0.06832912386907375, 14);
    // less: z = (5.5 + 0.5) / sqrt(79/7) = 1.7860, p = Φ(z); SciPy: 0.9629521255093261
    expect(mannWhitneyU(a, b, "less")?.pValue).toBeCloseTo(0.9629521255093261, 14);
    // two-sided: twice the "greater" tail; SciPy: 0.1366582477381475
    expect(mannWhitneyU(a, b)?.pValue).toBeCloseTo(0.1366582477381475, 14);
    // 13.5 / 16 = 0.84375 and (13.5 - 2.5) / 16 = 0.6875
    expect(greater?.probabilityOfSuperiority).toBe(0.84375);
    expect(greater?.rankBiserial).toBe(0.6875);
  });

  it("handles complete separation, worked by hand", () => {
    // Every b beats every a: uB = 9, uA = 0, μ = 4.5, σ² = 9/12 · 7 = 5.25
    // greater: z = (4.5 - 0.5) / sqrt(5.25) = 1.7457; table Φ(1.74) = 0.9591, Φ(1.75) = 0.9599 -> p ≈ 0.0404
    // (SciPy: 0.04042779918502612)
    const result = mannWhitneyU([1, 2, 3], [4, 5, 6], "greater");
    expect(result?.uB).toBe(9);
    expect(result?.z).toBeCloseTo(4 / Math.sqrt(5.25), 14);
    expect(result?.pValue).toBeCloseTo(0.04042779918502612, 14);
    expect(result?.probabilityOfSuperiority).toBe(1);
    expect(result?.rankBiserial).toBe(1);
  });

  it("finds no evidence when every value is tied (σ = 0)", () => {
    for (const alt of alternatives) {
      const result = mannWhitneyU([3, 3], [3, 3, 3], alt);
      expect(result?.uB).toBe(3);
      expect(result?.z).toBe(0);
      expect(result?.pValue).toBe(1);
      expect(result?.rankBiserial).toBe(0);
      expect(result?.probabilityOfSuperiority).toBe(0.5);
    }
  });

  it("returns null when a sample is empty or holds a NaN", () => {
    expect(mannWhitneyU([], [1, 2])).toBeNull();
    expect(mannWhitneyU([1, 2], [])).toBeNull();
    expect(mannWhitneyU([1, Number.NaN], [1, 2])).toBeNull();
    expect(mannWhitneyU([1, 2], [Number.NaN])).toBeNull();
  });

  it("computes U from ranks exactly as the pair-counting definition, with uA + uB = nA·nB", () => {
    fc.assert(
      fc.property(sample, sample, alternative, (a, b, alt) => {
        const result = mannWhitneyU(a, b, alt);
        if (result === null) throw new Error("non-empty samples gave null");
        expect(result.uB).toBe(countedU(a, b));
        expect(result.u).toBe(result.uB);
        expect(result.uA).toBe(countedU(b, a));
        expect(result.uA + result.uB).toBe(a.length * b.length);
        expect(result.probabilityOfSuperiority).toBe(result.uB / (a.length * b.length));
        expect(result.rankBiserial).toBeCloseTo(2 * result.probabilityOfSuperiority - 1, 14);
        expect(Math.abs(result.rankBiserial)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("gives the p-value of SciPy's formula, transcribed plainly", () => {
    fc.assert(
      fc.property(sample, sample, alternative, (a, b, alt) => {
        const result = mannWhitneyU(a, b, alt);
        const expected = scipyPValue(a, b, alt);
        expect(Math.abs((result?.pValue ?? Number.NaN) - expected)).toBeLessThanOrEqual(
          1e-15 + 1e-13 * expected,
        );
      }),
    );
  });

  it("keeps p in [0, 1] and two-sided p = min(1, 2 · min(one-sided p))", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const greater = mannWhitneyU(a, b, "greater")?.pValue ?? Number.NaN;
        const less = mannWhitneyU(a, b, "less")?.pValue ?? Number.NaN;
        const twoSided = mannWhitneyU(a, b, "two-sided")?.pValue ?? Number.NaN;
        for (const p of [greater, less, twoSided]) {
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(1);
        }
        expect(twoSided).toBe(Math.min(1, 2 * Math.min(greater, less)));
        // The continuity correction makes the two one-sided tails overlap: they sum to at least 1.
        expect(greater + less).toBeGreaterThanOrEqual(1 - 1e-15);
      }),
    );
  });

  it("mirrors when the samples are swapped", () => {
    fc.assert(
      fc.property(sample, sample, (a, b) => {
        const forward = mannWhitneyU(a, b);
        const backward = mannWhitneyU(b, a);
        expect(backward?.uB).toBe(forward?.uA);
        const forwardZ = forward?.z ?? Number.NaN;
        expect(backward?.z).toBe(forwardZ === 0 ? 0 : -forwardZ); // never -0
        expect(backward?.pValue).toBe(forward?.pValue);
        expect(backward?.rankBiserial).toBeCloseTo(-(forward?.rankBiserial ?? Number.NaN), 15);
        expect(mannWhitneyU(b, a, "less")?.pValue).toBe(mannWhitneyU(a, b, "greater")?.pValue);
      }),
    );
  });

  it("depends only on the pooled order: unchanged by a strictly increasing transform of all values", () => {
    fc.assert(
      fc.property(integerSample, integerSample, alternative, (a, b, alt) => {
        const cube = (v: number) => v ** 3; // exact for these integers
        const affine = (v: number) => 3 * v + 1000;
        const result = mannWhitneyU(a, b, alt);
        expect(mannWhitneyU(a.map(cube), b.map(cube), alt)).toEqual(result);
        expect(mannWhitneyU(a.map(affine), b.map(affine), alt)).toEqual(result);
      }),
    );
  });

  it("sees B as greater when it is shifted above A", () => {
    fc.assert(
      fc.property(integerSample, integerSample, (a, b) => {
        const lifted = b.map((v) => v + 101); // every b now exceeds every a
        const result = mannWhitneyU(a, lifted, "greater");
        expect(result?.probabilityOfSuperiority).toBe(1);
        expect(result?.rankBiserial).toBe(1);
        expect(result?.z).toBeGreaterThanOrEqual(0);
        expect(result?.pValue).toBeLessThanOrEqual(0.5);
        expect(result?.pValue).toBeLessThanOrEqual(mannWhitneyU(a, b, "greater")?.pValue ?? Number.NaN);
      }),
    );
  });
});
