import { describe, expect, it } from "vitest";
import { CountCache, countKey } from "./count-cache.js";

describe("CountCache", () => {
  it("counts once per generation and key, sharing a count in flight", async () => {
    const cache = new CountCache();
    let counted = 0;
    const count = async () => ++counted * 10;
    const [a, b] = await Promise.all([cache.total("g1", "k", count), cache.total("g1", "k", count)]);
    expect([a, b, counted]).toEqual([10, 10, 1]);
    expect(await cache.total("g1", "other", count)).toBe(20);
    expect(await cache.total("g2", "k", count)).toBe(30);
    expect(await cache.total("g2", "k", count)).toBe(30);
  });

  it("forgets a failed count, so the next call tries again", async () => {
    const cache = new CountCache();
    await expect(cache.total("g", "k", () => Promise.reject(new Error("db down")))).rejects.toThrow(
      "db down",
    );
    expect(await cache.total("g", "k", async () => 7)).toBe(7);
  });

  it("keys on the filters only: not the cursor, sort or page size; the user only for bookmarks", () => {
    const base = { limit: 50, q: "ann", version: "v1" } as const;
    expect(countKey({ ...base, cursor: "x", sort: "errors", limit: 10 }, "u1")).toBe(countKey(base, "u2"));
    expect(countKey({ ...base, q: "anna" }, "u1")).not.toBe(countKey(base, "u1"));
    expect(countKey({ ...base, q: "ANN" }, "u1")).toBe(countKey(base, "u1"));
    expect(countKey({ ...base, bookmarked: true }, "u1")).not.toBe(
      countKey({ ...base, bookmarked: true }, "u2"),
    );
    expect(countKey({ ...base, hasErrors: false }, "u1")).not.toBe(countKey(base, "u1"));
  });
});
