import { describe, expect, it } from "vitest";
import { GenerationCache } from "./generation-cache.js";

function setup() {
  const state = { generation: "1", now: 0, computed: 0 };
  const cache = new GenerationCache({
    generation: async () => state.generation,
    now: () => state.now,
    maxAgeMs: 1_000,
  });
  const compute = async () => ++state.computed;
  return { state, cache, compute };
}

describe("GenerationCache", () => {
  it("computes once per generation; concurrent callers share the computation", async () => {
    const { state, cache, compute } = setup();
    expect(await Promise.all([cache.get("a", compute), cache.get("a", compute)])).toEqual([1, 1]);
    expect(await cache.get("a", compute)).toBe(1);
    state.generation = "2";
    expect(await cache.get("a", compute)).toBe(2);
    expect(state.computed).toBe(2);
  });

  it("keeps entries apart by name", async () => {
    const { cache, compute } = setup();
    expect(await cache.get("a", compute)).toBe(1);
    expect(await cache.get("b", compute)).toBe(2);
    expect(await cache.get("a", compute)).toBe(1);
  });

  it("forgets a failed computation", async () => {
    const { cache, compute } = setup();
    await expect(cache.get("a", () => Promise.reject(new Error("database gone")))).rejects.toThrow("gone");
    expect(await cache.get("a", compute)).toBe(1);
  });

  it("recomputes an entry older than maxAgeMs within one generation", async () => {
    const { state, cache, compute } = setup();
    expect(await cache.get("a", compute)).toBe(1);
    state.now = 999;
    expect(await cache.get("a", compute)).toBe(1);
    state.now = 1_000;
    expect(await cache.get("a", compute)).toBe(2);
  });
});
