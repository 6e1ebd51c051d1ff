import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { downsampleMinMax } from "./min-max.js";

/** A series whose times are the point indexes, so every output point can be traced back to its input. */
const indexedSeries = fc
  .array(fc.oneof(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: -3, max: 3 })), {
    maxLength: 300,
  })
  .map((vs) => ({ ts: vs.map((_, i) => i), vs }));
const maxPoints = fc.integer({ min: 0, max: 320 });

/** Bucket k of n points in b buckets spans [floor(k·n/b), floor((k+1)·n/b)): the documented split. */
function buckets(n: number, bucketCount: number): Array<[number, number]> {
  return Array.from({ length: bucketCount }, (_, k) => [
    Math.floor((k * n) / bucketCount),
    Math.floor(((k + 1) * n) / bucketCount),
  ]);
}

describe("downsampleMinMax", () => {
  it("keeps each bucket's min and max point in their original order, worked by hand", () => {
    const ts = [0, 1, 2, 3, 4, 5, 6, 7];
    const vs = [5, 1, 9, 3, 7, 2, 8, 4];
    // maxPoints 4 -> 2 buckets of 4 points: [5, 1, 9, 3] keeps 1 (t=1) and 9 (t=2);
    // [7, 2, 8, 4] keeps 2 (t=5) and 8 (t=6)
    const result = downsampleMinMax(ts, vs, 4);
    expect(Array.from(result.ts)).toEqual([1, 2, 5, 6]);
    expect(Array.from(result.vs)).toEqual([1, 9, 2, 8]);
    // maxPoints 5 still makes floor(5 / 2) = 2 buckets: same answer
    expect(Array.from(downsampleMinMax(ts, vs, 5).vs)).toEqual([1, 9, 2, 8]);
    // maxPoints 2 -> one bucket: the global min 1 (t=1) and max 9 (t=2)
    expect(Array.from(downsampleMinMax(ts, vs, 2).ts)).toEqual([1, 2]);
  });

  it("puts the max before the min when it comes first", () => {
    // one bucket: max 9 at t=10, min -4 at t=30
    const result = downsampleMinMax([10, 20, 30], [9, 0, -4], 2);
    expect(Array.from(result.ts)).toEqual([10, 30]);
    expect(Array.from(result.vs)).toEqual([9, -4]);
  });

  it("splits into buckets whose sizes differ by at most one", () => {
    // 7 points, maxPoints 6 -> 3 buckets: [0, 2), [2, 4), [4, 7) since floor(7/3) = 2, floor(14/3) = 4
    const vs = [1, 2, 4, 3, 5, 7, 6];
    const result = downsampleMinMax([0, 1, 2, 3, 4, 5, 6], vs, 6);
    // bucket [1, 2] -> both; bucket [4, 3] -> both (max first); bucket [5, 7, 6] -> 5 and 7
    expect(Array.from(result.ts)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("keeps one point for a bucket whose min and max coincide, and first occurrences of ties", () => {
    // 2 buckets of 3: [2, 2, 2] is constant -> its first point only; [1, 5, 5] -> 1 and the first 5
    const result = downsampleMinMax([0, 1, 2, 3, 4, 5], [2, 2, 2, 1, 5, 5], 4);
    expect(Array.from(result.ts)).toEqual([0, 3, 4]);
    expect(Array.from(result.vs)).toEqual([2, 1, 5]);
  });

  it("keeps the single largest point when maxPoints is 1", () => {
    const result = downsampleMinMax([0, 1, 2, 3], [0.2, 0.9, -5, 0.9], 1);
    expect(Array.from(result.ts)).toEqual([1]);
    expect(Array.from(result.vs)).toEqual([0.9]);
  });

  it("returns every point (as copies) for maxPoints 0 or a short series", () => {
    const ts = [0, 1, 2];
    const vs = [3, 1, 2];
    for (const limit of [0, 3, 100]) {
      const result = downsampleMinMax(ts, vs, limit);
      expect(Array.from(result.ts)).toEqual(ts);
      expect(Array.from(result.vs)).toEqual(vs);
    }
    const typed = Float64Array.of(1, 2);
    expect(downsampleMinMax(typed, typed, 0).vs).not.toBe(typed);
    expect(downsampleMinMax([], [], 10).ts.length).toBe(0);
  });

  it("goes by position, not time: small backward time steps stay where they are", () => {
    // Logger threads race: t goes 10.0, 10.2, 10.1 (back), 10.3. One bucket per 2 points (maxPoints 4).
    const result = downsampleMinMax([10.0, 10.2, 10.1, 10.3, 10.4, 10.5], [1, 8, 3, 2, 9, 0], 4);
    // 2 buckets of 3: [1, 8, 3] -> t 10.0 (1) and 10.2 (8); [2, 9, 0] -> t 10.4 (9) and 10.5 (0)
    expect(Array.from(result.ts)).toEqual([10.0, 10.2, 10.4, 10.5]);
    expect(Array.from(result.vs)).toEqual([1, 8, 9, 0]);
  });

  it("never picks a NaN as an extreme", () => {
    const result = downsampleMinMax(
      [0, 1, 2, 3, 4, 5],
      [Number.NaN, 4, 1, Number.NaN, Number.NaN, Number.NaN],
      4,
    );
    // bucket [NaN, 4, 1] -> 4 and 1; bucket [NaN, NaN, NaN] has no extreme and contributes nothing
    expect(Array.from(result.ts)).toEqual([1, 2]);
  });

  it("rejects arrays of different lengths and a maxPoints that is not a non-negative integer", () => {
    expect(() => downsampleMinMax([1, 2], [1], 0)).toThrow(RangeError);
    expect(() => downsampleMinMax([1], [1], -1)).toThrow(RangeError);
    expect(() => downsampleMinMax([1], [1], 2.5)).toThrow(RangeError);
    expect(() => downsampleMinMax([1], [1], Number.NaN)).toThrow(RangeError);
  });

  it("does not modify its input", () => {
    const ts = [0, 1, 2, 3];
    const vs = [4, 3, 2, 1];
    downsampleMinMax(ts, vs, 2);
    expect(ts).toEqual([0, 1, 2, 3]);
    expect(vs).toEqual([4, 3, 2, 1]);
  });

  it("returns at most maxPoints points, or all of them for maxPoints 0", () => {
    fc.assert(
      fc.property(indexedSeries, maxPoints, ({ ts, vs }, limit) => {
        const result = downsampleMinMax(ts, vs, limit);
        expect(result.ts.length).toBe(result.vs.length);
        if (limit === 0 || vs.length <= limit) expect(Array.from(result.vs)).toEqual(vs);
        else expect(result.ts.length).toBeLessThanOrEqual(limit);
      }),
    );
  });

  it("returns a subsequence of the input, in the original order", () => {
    fc.assert(
      fc.property(indexedSeries, maxPoints, ({ ts, vs }, limit) => {
        const result = downsampleMinMax(ts, vs, limit);
        let previous = -1;
        result.ts.forEach((t, i) => {
          expect(Number.isInteger(t)).toBe(true);
          expect(t).toBeGreaterThan(previous); // strictly increasing index: order kept, nothing repeated
          expect(result.vs[i]).toBe(vs[t]); // the value travels with its time
          previous = t;
        });
      }),
    );
  });

  it("keeps the global min and max and every bucket's min and max value", () => {
    fc.assert(
      fc.property(indexedSeries, maxPoints, ({ ts, vs }, limit) => {
        if (vs.length === 0) return;
        const result = downsampleMinMax(ts, vs, limit);
        const kept = Array.from(result.vs);
        expect(kept).toContain(Math.max(...vs));
        if (limit !== 1) expect(kept).toContain(Math.min(...vs));
        if (limit < 2 || vs.length <= limit) return;
        for (const [start, end] of buckets(vs.length, Math.floor(limit / 2))) {
          const inBucket = Array.from(result.ts)
            .filter((t) => t >= start && t < end)
            .map((t) => vs[t] as number);
          const bucketValues = vs.slice(start, end);
          expect(inBucket).toContain(Math.min(...bucketValues));
          expect(inBucket).toContain(Math.max(...bucketValues));
          expect(inBucket.length).toBeLessThanOrEqual(2);
        }
      }),
    );
  });

  it("is idempotent: downsampling the output again with the same maxPoints changes nothing", () => {
    fc.assert(
      fc.property(indexedSeries, maxPoints, ({ ts, vs }, limit) => {
        const once = downsampleMinMax(ts, vs, limit);
        const twice = downsampleMinMax(once.ts, once.vs, limit);
        expect(twice).toEqual(once);
      }),
    );
  });

  it("keeps a single spike among a million points", () => {
    // Speed is measured in `npm run bench`, not here: this checks the large-input path is correct.
    const n = 1_000_000;
    const ts = new Float64Array(n);
    const vs = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      ts[i] = i / 100;
      vs[i] = Math.sin(i / 1000);
    }
    vs[765_432] = 99;
    const result = downsampleMinMax(ts, vs, 2000);
    expect(result.vs).toContain(99);
    expect(result.ts[result.vs.indexOf(99)]).toBe(7654.32);
    expect(result.ts.length).toBeLessThanOrEqual(2000);
  });
});
