/**
 * The acceptance test of the tested topology (docs/deploy.md): nginx in front of two API processes, two
 * workers, one PostgreSQL, 2,000 demo connections ingesting. Under a dashboard-like load through nginx,
 * one worker and then the API process that imported the manifest are SIGKILLed and started again. Every
 * log must end ingested exactly once (fetched once, but for those the killed worker held; stored once) and
 * no client may see an error that one retry did not absorb. Requires `npm run build`, PostgreSQL and nginx.
 */
import { readFile } from "node:fs/promises";
import { hostname } from "node:os";
import { analyzeLog } from "@loupe/core";
import type { DemoConnection } from "@loupe/demo";
import { describe, expect, it } from "vitest";
import { type Cluster, startCluster } from "../dev/cluster.js";
import { dashboardPaths } from "../dev/dashboard-paths.js";
import { canStartNginx } from "../dev/nginx.js";
import type { StoreOptions } from "../store/kysely/create-store.js";
import type { IngestStatus } from "../store/store.js";
import { demoManifestFile } from "../test-support/demo-manifest-file.js";
import { expectStoredAnalysis } from "../test-support/expect-ingested.js";
import { queueRows } from "../test-support/queue-rows.js";
import { rawRows } from "../test-support/raw-query.js";
import { startRetryingClients } from "../test-support/retrying-clients.js";
import { assertBuiltServeKnows } from "../test-support/serve-process.js";
import { postgresFactory } from "../test-support/store-factories.js";

const COUNT = 2_000;
/** Long enough that no live worker's log outlives its lease on a busy machine (leases are not renewed). */
const LEASE_MS = 10_000;
const adminUrl = process.env.LOUPE_TEST_DATABASE_URL;
const available = canStartNginx() && adminUrl !== undefined && adminUrl !== "";

describe.runIf(available || process.env.LOUPE_REQUIRE_NGINX === "1")(
  "the nginx topology under faults",
  () => {
    it("ingests 2,000 connections exactly once while a worker and an API process are killed, and clients see no error", {
      timeout: 180_000,
    }, async () => {
      assertBuiltServeKnows("LOUPE_LEASE_MS");
      const db = await postgresFactory(adminUrl as string).create();
      const demo = await demoManifestFile({ count: COUNT, delayMs: 0 });
      let cluster: Cluster | undefined;
      try {
        if (!("databaseUrl" in db.options)) throw new Error("expected PostgreSQL");
        cluster = await startCluster({
          databaseUrl: db.options.databaseUrl,
          manifest: demo.path,
          allowSources: [demo.bucket.baseUrl],
          // The test's load stands in for many people but comes from one address: no per-client limit.
          env: { LOUPE_LEASE_MS: String(LEASE_MS), LOUPE_RATE_LIMIT: "0" },
        });
        const { url } = cluster;
        const [api1] = cluster.apis;
        const [worker1] = cluster.workers;
        if (api1 === undefined || worker1 === undefined) throw new Error("cluster without processes");
        const started = performance.now();

        // nginx keeps a client's request id, and Loupe answers with it.
        const tagged = await fetch(`${url}/api/info`, { headers: { "x-request-id": "cluster-test-1" } });
        expect(tagged.headers.get("x-request-id")).toBe("cluster-test-1");

        const manifest = JSON.parse(await readFile(demo.path, "utf8")) as DemoConnection[];
        const clients = startRetryingClients({
          baseUrl: url,
          clients: 6,
          pauseMs: 20,
          nextPath: dashboardPaths(manifest).next,
        });

        await waitForStatus(url, (s) => s.total === demo.urls.size && s.done >= demo.urls.size / 4);
        const answeredBeforeKills = clients.answered();
        const owner = `${hostname()}:${worker1.pid()}`;
        expect(await worker1.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
        const killedAt = Date.now();
        const atKill = await queueRows(db.options);
        const orphans = new Set(
          atKill
            .filter(
              (r) => r.status === "pending" && r.leaseOwner === owner && (r.leaseExpiresAt ?? 0) > killedAt,
            )
            .map((r) => r.url),
        );
        const doneAtKill = atKill.filter((r) => r.status !== "pending").length;
        expect(orphans.size).toBeGreaterThan(0);
        expect(doneAtKill).toBeLessThan(demo.urls.size);

        // The importer dies under load and comes back: it imports the same manifest again, queueing nothing.
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(await api1.kill("SIGKILL")).toEqual({ code: null, signal: "SIGKILL" });
        const answeredAtApiKill = clients.answered();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await api1.restart();
        const answeredWhileApiDown = clients.answered() - answeredAtApiKill;
        await worker1.restart();

        const final = await waitForStatus(url, (s) => s.pending === 0, 150_000);
        const report = await clients.stop();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          `[cluster] ${demo.urls.size} logs in ${seconds} s; ${doneAtKill} done at the kill, ${orphans.size} ` +
            `held by the killed worker; clients: ${report.ok} answered (${answeredBeforeKills} before the ` +
            `kills, ${answeredWhileApiDown} while api-1 was down), ${report.retried} retried, ` +
            `${report.failures.length} failed twice`,
        );
        expect(final).toEqual({ total: demo.urls.size, done: demo.urls.size, pending: 0, failed: 0 });
        expect(report.failures).toEqual([]);
        expect(report.ok).toBeGreaterThan(1_000);
        expect(answeredWhileApiDown).toBeGreaterThan(20);
        expect(api1.output()).toMatch(/imported 2000 connections \(0 new, 0 changed\); 0 logs queued/);

        // Fetched once each, claimed once each, but the killed worker's: claimed again once its lease ran
        // out, fetched again unless it had not sent the request yet.
        const rows = new Map((await queueRows(db.options)).map((r) => [r.url, r]));
        await demo.bucket.setDelay(0); // and every hit so far counted
        for (const logUrl of demo.urls) {
          const orphan = orphans.has(logUrl);
          expect(rows.get(logUrl), logUrl).toMatchObject({ attempts: orphan ? 2 : 1, leaseToken: null });
          if (orphan) expect([1, 2], logUrl).toContain(demo.bucket.hits.get(logUrl));
          else expect(demo.bucket.hits.get(logUrl), logUrl).toBe(1);
        }

        // Stored once: the orphans' results (and a sample of the rest) are exactly one analysis of the bytes.
        const checked = [...orphans, ...[...demo.urls].filter((u) => !orphans.has(u)).slice(0, 20)];
        const logIds = await logIdsByUrl(db.options);
        for (const logUrl of checked) {
          const response = await fetch(logUrl);
          const bytes = new Uint8Array(await response.arrayBuffer());
          if (response.status === 404) {
            expect(rows.get(logUrl)?.status, logUrl).toBe("missing");
            continue;
          }
          await expectStoredAnalysis(db.store, logIds.get(logUrl) as number, analyzeLog(bytes));
        }
        for (const child of [...cluster.apis, ...cluster.workers])
          expect(child.output(), child.name).not.toMatch(/Unhandled|uncaught/i);
      } finally {
        await cluster?.stop();
        await demo.dispose();
        await db.dispose();
      }
    });
  },
);

async function logIdsByUrl(options: StoreOptions): Promise<Map<string, number>> {
  const rows = await rawRows<{ id: number | string; url: string }>(options, "select id, url from logs");
  return new Map(rows.map((row) => [row.url, Number(row.id)]));
}

/** Polls /api/ingest/status through nginx (a failed poll during a kill is simply polled again). */
async function waitForStatus(
  url: string,
  done: (status: IngestStatus) => boolean,
  timeoutMs = 120_000,
): Promise<IngestStatus> {
  const deadline = performance.now() + timeoutMs;
  let last: IngestStatus | undefined;
  for (;;) {
    const status = await fetch(`${url}/api/ingest/status`)
      .then((response) => (response.ok ? (response.json() as Promise<IngestStatus>) : undefined))
      .catch(() => undefined);
    if (status !== undefined) {
      last = status;
      if (done(status)) return status;
    }
    if (performance.now() > deadline) throw new Error(`ingest status still ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
