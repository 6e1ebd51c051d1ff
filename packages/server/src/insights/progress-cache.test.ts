import { describe, expect, it } from "vitest";
import { ProgressCache } from "./progress-cache.js";

function harness(options: { freshMs?: number; maxAgeMs?: number } = {}) {
  let now = 0;
  let key = "a";
  let keyReads = 0;
  const cache = new ProgressCache({
    ...options,
    now: () => now,
    progressKey: async () => {
      keyReads++;
      return key;
    },
  });
  let computations = 0;
  const compute = async () => ++computations;
  return {
    cache,
    get: () => cache.get("x", compute),
    advance: (ms: number) => {
      now += ms;
    },
    setKey: (value: string) => {
      key = value;
    },
    counts: () => ({ computations, keyReads }),
  };
}

describe("ProgressCache", () => {
  it("serves a fresh entry without reading the key", async () => {
    const h = harness({ freshMs: 1000 });
    expect(await h.get()).toBe(1);
    h.advance(999);
    expect(await h.get()).toBe(1);
    expect(h.counts()).toEqual({ computations: 1, keyReads: 1 });
  });

  it("after freshMs, keeps the value while the key is unchanged, recomputes when it changes", async () => {
    const h = harness({ freshMs: 1000, maxAgeMs: 60_000 });
    await h.get();
    h.advance(1500);
    expect(await h.get()).toBe(1);
    h.setKey("b");
    h.advance(1500);
    expect(await h.get()).toBe(2);
  });

  it("recomputes after maxAgeMs even with the same key", async () => {
    const h = harness({ freshMs: 1000, maxAgeMs: 5000 });
    await h.get();
    h.advance(5000);
    expect(await h.get()).toBe(2);
  });

  it("shares one computation between concurrent callers and forgets a failure", async () => {
    const h = harness();
    const [a, b] = await Promise.all([h.get(), h.get()]);
    expect([a, b]).toEqual([1, 1]);
    expect(h.counts().computations).toBe(1);

    let fail = true;
    const flaky = async () => {
      if (fail) throw new Error("database away");
      return "ok";
    };
    await expect(h.cache.get("y", flaky)).rejects.toThrow("database away");
    fail = false;
    expect(await h.cache.get("y", flaky)).toBe("ok");
  });
});
