import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRetryAfter, retryDelayMs } from "./retry-delay.js";

describe("retryDelayMs", () => {
  it("doubles the ceiling per attempt up to the cap, with full jitter below it", () => {
    const top = () => 0.999_999_9;
    expect([1, 2, 3, 4, 5, 6].map((a) => retryDelayMs(a, 1000, 10_000, top))).toEqual([
      999, 1999, 3999, 7999, 9999, 9999,
    ]);
    expect(retryDelayMs(3, 1000, 10_000, () => 0)).toBe(0);
    expect(retryDelayMs(3, 1000, 10_000, () => 0.5)).toBe(2000);
  });

  it("survives absurd attempts and random values", () => {
    expect(retryDelayMs(10_000, 1000, 60_000, () => 0.5)).toBe(30_000);
    expect(retryDelayMs(Number.NaN, 1000, 60_000, () => 0.5)).toBe(500);
    expect(retryDelayMs(0, 1000, 60_000, () => 0.5)).toBe(500);
    expect(retryDelayMs(2, 1000, 60_000, () => 7)).toBe(2000);
    expect(retryDelayMs(2, 1000, 60_000, () => -1)).toBe(0);
  });

  it("always lies in [0, min(cap, base·2^(attempt-1))]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, base, cap, r) => {
          const delay = retryDelayMs(attempt, base, cap, () => r);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(Math.min(cap, base * 2 ** (attempt - 1)));
        },
      ),
    );
  });

  it("spreads retries out (full jitter, not equal jitter)", () => {
    const delays = Array.from({ length: 2000 }, () => retryDelayMs(4, 1000, 60_000));
    const mean = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(Math.min(...delays)).toBeLessThan(400);
    expect(mean).toBeGreaterThan(3500);
    expect(mean).toBeLessThan(4500);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.UTC(2020, 5, 30, 21, 2);
  it.each([
    [undefined, undefined],
    ["", undefined],
    ["soon", undefined],
    ["120", 120_000],
    [["5", "9"], 5_000],
    [new Date(now + 30_000).toUTCString(), 30_000],
    [new Date(now - 30_000).toUTCString(), 0],
    ["99999999", 24 * 3600 * 1000],
  ] as const)("%j → %j", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});
