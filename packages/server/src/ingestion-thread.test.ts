import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generateDemoManifest } from "@loupe/demo";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRows } from "./ingestion.js";
import { startIngestionThread } from "./ingestion-thread.js";
import { parseManifest } from "./manifest/index.js";
import { createSourceAllowlist } from "./sources/source-allowlist.js";
import { createStore } from "./store/kysely/create-store.js";
import type { Store } from "./store/store.js";
import { type CountingDemoBucket, startCountingDemoBucket } from "./test-support/counting-demo-bucket.js";

// Runs the compiled thread (dist/ingestion-thread-worker.js): `npm test` builds first.
const SETTINGS = {
  fetchTimeoutMs: 10_000,
  maxLogBytes: 64 * 1024 * 1024,
  ingestConcurrency: 4,
  leaseMs: 60_000,
};

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("the ingestion thread", () => {
  let directory: string;
  let store: Store;
  let bucket: CountingDemoBucket;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "loupe-thread-"));
    store = await createStore({ sqlitePath: join(directory, "loupe.db") });
    await store.migrate();
    bucket = await startCountingDemoBucket({ count: 30, delayMs: 0 });
  });
  afterEach(async () => {
    await bucket.close();
    await store.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("ingests every queued log through its own connection, once, while this thread sees the results", async () => {
    const manifest = generateDemoManifest({ count: 30, baseUrl: bucket.baseUrl });
    const { rows } = parseManifest(JSON.stringify(manifest));
    const sources = createSourceAllowlist([]);
    await importRows(store, sources, rows);
    const before = await store.dataGeneration();
    const thread = startIngestionThread({
      store: { sqlitePath: join(directory, "loupe.db") },
      settings: SETTINGS,
      allowSources: [],
      trustedOrigins: sources.trustedOrigins(),
    });
    try {
      await until(async () => (await store.ingestStatus()).pending === 0);
      const status = await store.ingestStatus();
      expect(status.done).toBe(status.total);
      // Another connection committed: this thread's caches must see it.
      expect(await store.dataGeneration()).not.toBe(before);
      expect([...bucket.hits.values()].every((hits) => hits === 1)).toBe(true);
      await until(async () => (thread.counters().fetches_ok ?? 0) > 0, 5_000);
      const page = await store.listConnections({ limit: 100, status: "ok" });
      expect(page.total).toBeGreaterThan(0);
      const logs = await store.connectionLogs(page.items[0]?.connectionId ?? -1);
      await expect(thread.ingestNow(logs?.client ?? logs?.server ?? -1)).resolves.toBeUndefined();
    } finally {
      await thread.close();
    }
  });

  it("restarts a thread that dies, and closes cleanly", async () => {
    const script = join(directory, "dies.mjs");
    await writeFile(script, "process.exit(3);\n");
    const exits: string[] = [];
    const thread = startIngestionThread(
      { store: { sqlitePath: ":memory:" }, settings: SETTINGS, allowSources: [], trustedOrigins: [] },
      { workerUrl: pathToFileURL(script), restartDelayMs: 10, onExit: (error) => exits.push(error.message) },
    );
    await until(async () => exits.length >= 3, 10_000);
    expect(exits[0]).toMatch(/exited \(code 3\); restarting/);
    await thread.close();
    const count = exits.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(exits.length).toBe(count);
    await expect(thread.ingestNow(1)).resolves.toBeUndefined();
  });

  it("refuses to start without its compiled script", () => {
    expect(() =>
      startIngestionThread(
        { store: { sqlitePath: ":memory:" }, settings: SETTINGS, allowSources: [], trustedOrigins: [] },
        { workerUrl: new URL("file:///nowhere/ingestion-thread-worker.js") },
      ),
    ).toThrow(/ingestion thread script not found/);
  });
});
