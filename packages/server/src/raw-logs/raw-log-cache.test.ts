import { describe, expect, it } from "vitest";
import type { RawLog } from "./raw-log.js";
import { RawLogCache } from "./raw-log-cache.js";

const log = (approxBytes: number): RawLog => ({ side: "client", entries: [], preamble: [], approxBytes });

describe("RawLogCache", () => {
  it("loads once for concurrent and later requests of the same log", async () => {
    const cache = new RawLogCache(1000);
    let loads = 0;
    const load = async () => {
      loads++;
      return log(10);
    };
    await Promise.all([cache.get("a", load), cache.get("a", load)]);
    await cache.get("a", load);
    expect(loads).toBe(1);
  });

  it("evicts the least recently used logs past its budget, and keeps nothing bigger than it", async () => {
    const cache = new RawLogCache(100);
    const loads: string[] = [];
    const loader = (key: string, bytes: number) => async () => {
      loads.push(key);
      return log(bytes);
    };
    await cache.get("a", loader("a", 60));
    await cache.get("b", loader("b", 30));
    await cache.get("a", loader("a", 60)); // a is now the most recent
    await cache.get("c", loader("c", 30)); // 120 > 100: b goes
    await cache.get("a", loader("a", 60));
    await cache.get("b", loader("b", 30));
    expect(loads).toEqual(["a", "b", "c", "b"]);
    await cache.get("huge", loader("huge", 500));
    await cache.get("huge", loader("huge", 500));
    expect(loads.filter((k) => k === "huge")).toHaveLength(2);
  });

  it("forgets a failed load so the next request tries again", async () => {
    const cache = new RawLogCache(100);
    await expect(cache.get("a", () => Promise.reject(new Error("503")))).rejects.toThrow("503");
    await expect(cache.get("a", async () => log(1))).resolves.toMatchObject({ approxBytes: 1 });
  });
});
