import { describe, expect, it } from "vitest";
import { FreshReads } from "./fresh-reads.js";

/** A load whose calls the test resolves by hand, in order. */
function manualLoad() {
  const calls: { resolve(value: number): void; startedAt: number }[] = [];
  let clock = 0;
  return {
    calls,
    tick: () => ++clock,
    load: () => new Promise<number>((resolve) => calls.push({ resolve, startedAt: clock })),
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("FreshReads", () => {
  it("never answers a caller with a read that started before it asked", async () => {
    const m = manualLoad();
    const reads = new FreshReads(m.load);
    const first = reads.read(); // starts read #0 at t=0
    m.tick();
    const second = reads.read(); // t=1: read #0 is older than this caller: it must wait for #1
    const third = reads.read(); // shares #1
    expect(m.calls).toHaveLength(1);
    m.calls[0]?.resolve(10);
    expect(await first).toBe(10);
    await flush();
    expect(m.calls).toHaveLength(2);
    expect(m.calls[1]?.startedAt).toBe(1);
    m.calls[1]?.resolve(20);
    expect([await second, await third]).toEqual([20, 20]);
    // Nothing in flight: the next caller starts its own read.
    const fourth = reads.read();
    expect(m.calls).toHaveLength(3);
    m.calls[2]?.resolve(30);
    expect(await fourth).toBe(30);
  });

  it("lets a failed read fail its own callers only", async () => {
    let n = 0;
    const reads = new FreshReads(() => (n++ === 0 ? Promise.reject(new Error("down")) : Promise.resolve(n)));
    const failing = reads.read();
    const waiting = reads.read();
    await expect(failing).rejects.toThrow("down");
    expect(await waiting).toBe(2);
  });
});
