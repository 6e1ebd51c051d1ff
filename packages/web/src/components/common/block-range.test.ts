import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockExtractor, blockRange, screenBlocks } from "./block-range.js";

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

describe("blockExtractor", () => {
  const range = (startIndex: number, endIndex: number) => ({
    startIndex,
    endIndex,
    overscan: 0,
    count: 10_000,
  });
  const span = (rows: number[]) => [rows[0], rows.at(-1)];

  it("renders the screen's blocks and a spare one on each side while the scrolling overlaps", () => {
    const extract = blockExtractor(8);
    expect(span(extract(range(100, 128)))).toEqual([88, 143]);
    expect(span(extract(range(102, 130)))).toEqual([88, 143]);
    expect(span(extract(range(110, 138)))).toEqual([96, 151]);
  });

  it("drops the spares while the screen jumps past what it rendered, and brings them back after", () => {
    const extract = blockExtractor(8);
    extract(range(100, 128));
    expect(span(extract(range(180, 208)))).toEqual([176, 215]);
    expect(span(extract(range(260, 288)))).toEqual([256, 295]);
    expect(span(extract(range(262, 290)))).toEqual([248, 303]);
  });

  it("keeps the screen's blocks inside the list", () => {
    expect(screenBlocks(9_990, 9_999, 10_000, 8)).toEqual([9_984, 9_999]);
    expect(screenBlocks(0, 0, 0, 8)).toEqual([0, -1]);
  });
});
