import { describe, expect, it } from "vitest";
import { listDemoLogs } from "./manifest.js";
import { inlineObjectSource, workerObjectSource } from "./object-source.js";

// Needs the compiled worker (dist/object-worker.js): `npm test` builds first.
const FLEET = { seed: 3, count: 60 };
const keys = listDemoLogs(FLEET)
  .map((spec) => spec.objectName)
  .sort()
  .slice(0, 12);

describe("workerObjectSource", () => {
  it("generates in a worker exactly the objects the calling thread would, concurrently", async () => {
    const inline = inlineObjectSource(FLEET);
    const worker = workerObjectSource(FLEET);
    try {
      const [fromWorker, fromInline] = await Promise.all([
        Promise.all([...keys, "no-such-object.txt"].map((key) => worker.load(key))),
        Promise.all([...keys, "no-such-object.txt"].map((key) => inline.load(key))),
      ]);
      expect(fromWorker.at(-1)).toBeUndefined();
      expect(fromWorker.filter((o) => o !== undefined).length).toBeGreaterThan(5);
      for (const [i, object] of fromWorker.entries()) {
        const expected = fromInline[i];
        expect(object?.etag).toBe(expected?.etag);
        expect(object?.lastModifiedMs).toBe(expected?.lastModifiedMs);
        if (object !== undefined && expected !== undefined) {
          expect(Buffer.from(object.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
        }
      }
    } finally {
      await worker.close();
    }
  });

  it("fails pending loads when closed, and starts a fresh worker on the next load", async () => {
    const worker = workerObjectSource(FLEET);
    const key = keys[0] as string;
    const rejected = expect(worker.load(key)).rejects.toThrow(/closed/);
    await worker.close();
    await rejected;
    try {
      expect((await worker.load(key))?.etag).toMatch(/^"[0-9a-f]{32}"$/);
    } finally {
      await worker.close();
    }
  });

  it("refuses to start without its compiled worker script, saying how to build it", () => {
    expect(() => workerObjectSource(FLEET, new URL("file:///nowhere/object-worker.js"))).toThrow(
      /not found at \/nowhere\/object-worker\.js/,
    );
  });
});
