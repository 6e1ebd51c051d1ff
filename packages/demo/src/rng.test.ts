import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, hashKey, Rng, ZipfSampler } from "./rng.js";

const draw = (rng: Rng, n: number): number[] => Array.from({ length: n }, () => rng.next());

describe("Rng", () => {
  it("is deterministic for a key and differs between keys", () => {
    expect(draw(createRng(1, 20_001, "client"), 5)).toEqual(draw(createRng(1, 20_001, "client"), 5));
    expect(draw(createRng(1, 20_001, "client"), 5)).not.toEqual(draw(createRng(1, 20_001, "server"), 5));
    expect(draw(createRng(1, 20_001, "client"), 5)).not.toEqual(draw(createRng(2, 20_001, "client"), 5));
  });

  it("keeps the parts of a key apart", () => {
    expect(hashKey("1", 2)).not.toBe(hashKey(1, "2"));
    expect(hashKey("ab", "c")).not.toBe(hashKey("a", "bc"));
    expect(hashKey(2 ** 40)).not.toBe(hashKey(0));
  });

  it("draws within its ranges", () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(1000), (seed, lo, span) => {
        const rng = createRng(seed);
        const u = rng.next();
        const i = rng.int(lo, lo + span);
        const x = rng.uniform(lo, lo + span + 1);
        return (
          u >= 0 && u < 1 && Number.isInteger(i) && i >= lo && i <= lo + span && x >= lo && x < lo + span + 1
        );
      }),
    );
  });

  it("picks members, by weight", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.string(), { minLength: 1 }), (seed, items) =>
        items.includes(createRng(seed).pick(items)),
      ),
    );
    const rng = createRng(7);
    const counts = { a: 0, b: 0, never: 0 };
    for (let i = 0; i < 20_000; i++) {
      counts[
        rng.weighted([
          ["a", 3],
          ["b", 1],
          ["never", 0],
        ] as const)
      ]++;
    }
    expect(counts.never).toBe(0);
    expect(counts.a / counts.b).toBeGreaterThan(2.7);
    expect(counts.a / counts.b).toBeLessThan(3.3);
  });

  it("has the right moments for normal, lognormal and exponential", () => {
    const rng = createRng(11);
    const n = 40_000;
    const normals = Array.from({ length: n }, () => rng.normal(5, 2));
    const mean = normals.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(normals.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
    const logs = Array.from({ length: n }, () => rng.lognormal(480, 0.9)).sort((a, b) => a - b);
    expect((logs[n / 2] as number) / 480).toBeGreaterThan(0.95);
    expect((logs[n / 2] as number) / 480).toBeLessThan(1.05);
    const waits = Array.from({ length: n }, () => rng.exponential(4));
    expect(Math.min(...waits)).toBeGreaterThan(0);
    expect(waits.reduce((a, b) => a + b, 0) / n).toBeCloseTo(0.25, 2);
  });

  it("shuffles into a permutation", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer()), (seed, items) => {
        const shuffled = createRng(seed).shuffle([...items]);
        return JSON.stringify([...shuffled].sort()) === JSON.stringify([...items].sort());
      }),
    );
  });
});

describe("ZipfSampler", () => {
  it("draws ranks in range with falling frequency", () => {
    const zipf = new ZipfSampler(10, 1.1);
    const rng = new Rng(3);
    const counts = new Array<number>(10).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const rank = zipf.sample(rng);
      counts[rank] = (counts[rank] ?? 0) + 1;
    }
    expect(counts.every((c) => c > 0)).toBe(true);
    expect(counts[0]).toBeGreaterThan(counts[1] as number);
    expect(counts[1]).toBeGreaterThan(counts[4] as number);
    expect(counts[4]).toBeGreaterThan(counts[9] as number);
  });
});
