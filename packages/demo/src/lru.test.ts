import { describe, expect, it } from "vitest";
import { SizedLru } from "./lru.js";

describe("SizedLru", () => {
  it("evicts the least recently used entries beyond its size", () => {
    const lru = new SizedLru<string, number>(10);
    lru.set("a", 1, 4);
    lru.set("b", 2, 4);
    expect(lru.get("a")).toBe(1); // a is now the most recent
    lru.set("c", 3, 4);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    expect(lru.totalSize).toBe(8);
  });

  it("replaces entries and refuses ones larger than the whole cache", () => {
    const lru = new SizedLru<string, number>(10);
    lru.set("a", 1, 4);
    lru.set("a", 2, 6);
    expect(lru.get("a")).toBe(2);
    expect(lru.totalSize).toBe(6);
    lru.set("huge", 3, 11);
    expect(lru.get("huge")).toBeUndefined();
    expect(lru.size).toBe(1);
  });
});
