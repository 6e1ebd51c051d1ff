/**
 * Crash recovery of `loupe serve`, as an operator would see it: the built CLI ingests a few hundred demo
 * logs from a (deliberately slow) bucket on 127.0.0.1, is SIGKILLed half-way, is started again on the
 * same database, and must end with every log ingested exactly once.
 *
 * The killed process leaves leases behind on the logs it was fetching; they become claimable only when
 * the lease expires, so the lease is shortened through LOUPE_LEASE_MS (the default is 10 minutes).
 * Requires `npm run build` (the test runs packages/cli/bin/loupe.js).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeLog, type LogAnalysis } from "@loupe/core";
import { generateDemoManifest } from "@loupe/demo";
import { beforeAll, describe, expect, it } from "vitest";
import { startCountingDemoBucket } from "../test-support/counting-demo-bucket.js";
import { expectStoredAnalysis } from "../test-support/expect-ingested.js";
import { queueRows } from "../test-support/queue-rows.js";
import {
  assertBuiltServeKnows,
  databaseArgs,
  type ServeProcess,
  startServe,
  waitForStatus,
} from "../test-support/serve-process.js";
import { storeFactories } from "../test-support/store-factories.js";

/** 300 demo connections name 343 logs (~157 MB). */
const COUNT = 300;
const LEASE_MS = 5000;
/** Each bucket answer waits this long: ingestion takes a few seconds, long enough to be caught mid-way. */
const DELAY_MS = 60;
/** Kill once this share of the logs is done. */
const KILL_AT = 0.25;

beforeAll(() => assertBuiltServeKnows("LOUPE_LEASE_MS"));

describe.each(storeFactories)("loupe serve SIGKILLed mid-ingest, on $dialect", (factory) => {
  it("restarts on the same database and ends with every log ingested exactly once", {
    timeout: 120_000,
  }, async () => {
    const db = await factory.create();
    const bucket = await startCountingDemoBucket({ count: COUNT, delayMs: DELAY_MS });
    const dir = await mkdtemp(join(tmpdir(), "loupe-crash-"));
    const manifest = generateDemoManifest({ baseUrl: bucket.baseUrl, count: COUNT });
    const urls = new Set(manifest.flatMap((c) => [c.client_logs, c.server_logs]).filter((u) => u !== null));
    await writeFile(join(dir, "manifest.json"), JSON.stringify(manifest));
    const args = ["--manifest", join(dir, "manifest.json"), ...databaseArgs(db.options), "--port", "0"];
    const env = { LOUPE_LEASE_MS: String(LEASE_MS) };
    const children: ServeProcess[] = [];
    try {
      const started = performance.now();
      const first = await startServe(args, env);
      children.push(first);
      await waitForStatus(first.url, (s) => s.total === urls.size && s.done >= urls.size * KILL_AT);
      expect(await first.stop("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
      const killedAt = Date.now();
      const killSeconds = (performance.now() - started) / 1000;

      // What the killed process left: some logs done, some under its lease (in flight), the rest queued.
      const atKill = await queueRows(db.options);
      expect(atKill).toHaveLength(urls.size);
      const doneAtKill = new Set(atKill.filter((r) => r.status !== "pending").map((r) => r.url));
      const orphaned = atKill.filter((r) => r.status === "pending" && (r.leaseExpiresAt ?? 0) > killedAt);
      expect(doneAtKill.size).toBeGreaterThanOrEqual(urls.size * KILL_AT);
      expect(doneAtKill.size).toBeLessThan(urls.size);
      expect(orphaned.length).toBeGreaterThan(0);
      const orphanUrls = new Set(orphaned.map((r) => r.url));

      const restarted = performance.now();
      const second = await startServe(args, env);
      children.push(second);
      const final = await waitForStatus(second.url, (s) => s.pending === 0);
      const finishedAt = Date.now();
      const restartSeconds = (performance.now() - restarted) / 1000;
      expect(final).toEqual({ total: urls.size, done: urls.size, pending: 0, failed: 0 });
      // The orphans could only be taken once their lease had run out.
      expect(finishedAt).toBeGreaterThanOrEqual(Math.min(...orphaned.map((r) => r.leaseExpiresAt ?? 0)));
      expect(await second.stop("SIGTERM")).toMatchObject({ code: 0 });
      console.log(
        `[${factory.dialect}] killed after ${killSeconds.toFixed(1)} s with ${doneAtKill.size}/${urls.size} ` +
          `logs done and ${orphaned.length} leased; the restart finished the rest in ${restartSeconds.toFixed(1)} s ` +
          `(lease ${LEASE_MS} ms)`,
      );

      // Claimed once each, except the logs in flight at the kill: once by each process. Fetched as often,
      // but for an orphan whose request the killed process had not yet sent (claimed, then killed).
      const rows = new Map((await queueRows(db.options)).map((r) => [r.url, r]));
      for (const url of urls) {
        const orphan = orphanUrls.has(url);
        expect(rows.get(url), url).toMatchObject({ attempts: orphan ? 2 : 1, leaseToken: null });
        if (orphan) expect([1, 2], url).toContain(bucket.hits.get(url));
        else expect(bucket.hits.get(url), url).toBe(1);
      }

      // Every log's stored results are exactly one analysis of its bytes: nothing doubled, nothing lost.
      await bucket.setDelay(0);
      const analyses = new Map<string, LogAnalysis | "missing">();
      for (const connection of manifest) {
        const logs = await db.store.connectionLogs(connection.connection_id);
        const row = await db.store.getConnection(connection.connection_id);
        for (const side of ["client", "server"] as const) {
          const url = connection[`${side}_logs`];
          const logId = logs?.[side];
          if (url === null) {
            expect(logId).toBeUndefined();
            continue;
          }
          const expected = analyses.get(url) ?? (await analyzeUrl(url));
          analyses.set(url, expected);
          const summary = row?.[side];
          if (expected === "missing") {
            expect(summary?.status, url).toBe("missing");
            continue;
          }
          expect(summary, url).toMatchObject({
            status: expected.entries > 0 ? "ok" : "invalid",
            entries: expected.entries,
            levels: expected.levels,
            errors: expected.errors,
            warnings: expected.warnings,
          });
          await expectStoredAnalysis(db.store, logId as number, expected);
        }
      }
      expect(analyses.size).toBe(urls.size);
    } finally {
      for (const child of children) await child.stop("SIGKILL");
      await bucket.close();
      await db.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

async function analyzeUrl(url: string): Promise<LogAnalysis | "missing"> {
  const response = await fetch(url);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status === 404) return "missing";
  expect(response.status).toBe(200);
  return analyzeLog(bytes);
}

/** Polls the server's /api/ingest/status until `done` holds for it. */
