import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockRange } from "./block-range.js";

describe("blockRange", () => {
  it("renders whole blocks: the screen's and a spare one on each side", () => {
    expect(blockRange(40, 66, 100_000, 32)).toEqual([0, 127]);
    expect(blockRange(70, 96, 100_000, 32)).toEqual([32, 159]);
  });

  it("changes both edges at once, when the screen's first row enters another block", () => {
    const windows = [];
    for (let start = 24; start < 48; start++)
      windows.push(blockRange(start, start + 17, 10_000, 8).join("-"));
    expect([...new Set(windows)]).toEqual(["16-63", "24-71", "32-79"]);
  });

  it("always covers the screen with a spare block where the list has one", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 32 }),
        (count, at, rows, block) => {
          const start = Math.min(at, count - 1);
          const end = Math.min(count - 1, start + rows - 1);
          const [first, last] = blockRange(start, end, count, block);
          expect(first).toBeLessThanOrEqual(Math.max(0, start - 1));
          expect(last).toBeGreaterThanOrEqual(Math.min(count - 1, end + block));
          expect(first % block).toBe(0);
          expect(last === count - 1 || (last + 1) % block === 0).toBe(true);
        },
      ),
    );
  });

  it("stays inside the list", () => {
    expect(blockRange(0, 20, 100_000, 32)).toEqual([0, 95]);
    expect(blockRange(99_990, 99_999, 100_000, 32)).toEqual([99_936, 99_999]);
    expect(blockRange(0, 5, 6, 32)).toEqual([0, 5]);
    expect(blockRange(0, 0, 0, 32)).toEqual([0, -1]);
  });
});
