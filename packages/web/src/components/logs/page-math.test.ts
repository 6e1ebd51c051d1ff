import { describe, expect, it } from "vitest";
import { locate, pageCount, pageOf, pageStart, pagesForRange, rowsToOffsets } from "./page-math.js";

describe("page math", () => {
  it("finds the page and slot of an offset", () => {
    expect(pageOf(0, 500)).toBe(0);
    expect(pageOf(499, 500)).toBe(0);
    expect(pageOf(500, 500)).toBe(1);
    expect(pageOf(99_999, 500)).toBe(199);
    expect(pageOf(-3, 500)).toBe(0);
    expect(locate(1234, 500)).toEqual({ page: 2, slot: 234 });
    expect(locate(1000, 500)).toEqual({ page: 2, slot: 0 });
    expect(pageStart(2, 500)).toBe(1000);
  });

  it("counts pages, the last one partial", () => {
    expect(pageCount(0, 500)).toBe(0);
    expect(pageCount(1, 500)).toBe(1);
    expect(pageCount(500, 500)).toBe(1);
    expect(pageCount(501, 500)).toBe(2);
    expect(pageCount(100_000, 500)).toBe(200);
  });

  it("lists the pages covering the screen", () => {
    expect(pagesForRange(10, 40, { pageSize: 500, total: 10_000 })).toEqual([0]);
    expect(pagesForRange(480, 520, { pageSize: 500, total: 10_000 })).toEqual([0, 1]);
    expect(pagesForRange(0, 0, { pageSize: 500, total: 1 })).toEqual([0]);
  });

  it("adds the neighbouring page when the screen is near its edge", () => {
    expect(pagesForRange(420, 460, { pageSize: 500, total: 10_000, margin: 50 })).toEqual([0, 1]);
    expect(pagesForRange(520, 560, { pageSize: 500, total: 10_000, margin: 50 })).toEqual([0, 1]);
    expect(pagesForRange(200, 240, { pageSize: 500, total: 10_000, margin: 50 })).toEqual([0]);
  });

  it("never asks for pages before the first or after the last entry", () => {
    expect(pagesForRange(0, 30, { pageSize: 500, total: 10_000, margin: 200 })).toEqual([0]);
    expect(pagesForRange(9_980, 9_999, { pageSize: 500, total: 10_000, margin: 200 })).toEqual([19]);
    expect(pagesForRange(9_980, 12_000, { pageSize: 500, total: 10_000 })).toEqual([19]);
  });

  it("asks for nothing when there is nothing", () => {
    expect(pagesForRange(0, 10, { pageSize: 500, total: 0 })).toEqual([]);
    expect(pagesForRange(10, 5, { pageSize: 500, total: 100 })).toEqual([]);
  });

  it("turns list rows into entry offsets past the leading rows", () => {
    expect(rowsToOffsets(0, 30, 1, 1000)).toEqual({ first: 0, last: 29 });
    expect(rowsToOffsets(5, 30, 0, 1000)).toEqual({ first: 5, last: 30 });
    expect(rowsToOffsets(990, 1010, 0, 1000)).toEqual({ first: 990, last: 999 });
  });
});
