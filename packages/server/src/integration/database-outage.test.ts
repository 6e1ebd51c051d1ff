/**
 * PostgreSQL stopped for 10 s while `loupe serve` ingests and answers: the API says 503 (with
 * Retry-After) meanwhile, never 500, and recovers by itself when the database is back; ingestion carries
 * on and every log ends ingested. Its own throwaway cluster (stopping the shared one would break other
 * tests). Requires `npm run build` and PostgreSQL's binaries.
 */
import { describe, expect, it } from "vitest";
import { canStartThrowawayPostgres, startThrowawayPostgres } from "../dev/postgres.js";
import { demoManifestFile } from "../test-support/demo-manifest-file.js";
import { startServe, waitForStatus } from "../test-support/serve-process.js";

const COUNT = 80;
const OUTAGE_MS = 10_000;

describe.runIf(canStartThrowawayPostgres())("PostgreSQL down for 10 s", () => {
  it("answers 503 meanwhile, recovers without a restart, and loses no queued log", {
    timeout: 120_000,
  }, async () => {
    const cluster = await startThrowawayPostgres();
    const { path, urls, dispose } = await demoManifestFile({ count: COUNT, delayMs: 40 });
    const server = await startServe(
      ["--database-url", cluster.url, "--manifest", path, "--port", "0"],
      // A log whose result could not be written during the outage is fetched again once its lease ends.
      { LOUPE_LEASE_MS: "3000" },
    );
    try {
      await waitForStatus(server.url, (s) => s.done >= 10);
      await cluster.pause();
      const statuses = new Map<number, number>();
      let retryAfter: string | null = null;
      const outageEnds = performance.now() + OUTAGE_MS;
      while (performance.now() < outageEnds) {
        const response = await fetch(`${server.url}/api/connections?limit=5`);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 503) retryAfter = response.headers.get("retry-after");
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      await cluster.resume();

      // Only "unavailable" while it was down (a cached page may still have been served before).
      expect([...statuses.keys()].every((status) => status === 503 || status === 200)).toBe(true);
      expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
      expect(retryAfter).toBe("2");
      const recovered = performance.now();
      for (;;) {
        const response = await fetch(`${server.url}/api/connections?limit=5`);
        if (response.status === 200) break;
        expect(response.status).toBe(503);
        expect(performance.now() - recovered).toBeLessThan(20_000);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const final = await waitForStatus(server.url, (s) => s.pending === 0, 60_000);
      expect(final).toEqual({ total: urls.size, done: urls.size, pending: 0, failed: 0 });
      expect(server.output()).not.toMatch(/Unhandled|uncaught/i);
    } finally {
      await server.stop("SIGTERM");
      await dispose();
      await cluster.stop();
    }
  });
});
