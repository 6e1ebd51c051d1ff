import { describe, expect, it } from "vitest";
import { startDemoBucketThread } from "./bucket-thread.js";
import { generateDemoLog } from "./demo-log.js";
import { listDemoLogs } from "./manifest.js";

// Runs the compiled thread (dist/bucket-thread-worker.js): `npm test` builds first.
const FLEET = { seed: 3, count: 40 };

describe("startDemoBucketThread", () => {
  it("serves the same objects as the generator, from a thread of its own on loopback", async () => {
    const bucket = await startDemoBucketThread(FLEET);
    try {
      expect(bucket.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo-bucket\/$/);
      const spec = listDemoLogs(FLEET).find((s) => s.content === "log");
      if (spec === undefined) throw new Error("no log in the fleet");
      const response = await fetch(`${bucket.url}${spec.objectName}`);
      expect(response.status).toBe(200);
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(Buffer.from(generateDemoLog(spec)))).toBe(true);
      expect((await fetch(`${bucket.url}no-such-object.txt`)).status).toBe(404);
    } finally {
      await bucket.close();
    }
    await expect(fetch(bucket.url, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });

  it("refuses to start without its compiled script", async () => {
    await expect(
      startDemoBucketThread(FLEET, new URL("file:///nowhere/bucket-thread-worker.js")),
    ).rejects.toThrow(/not found at \/nowhere\/bucket-thread-worker\.js/);
  });
});
