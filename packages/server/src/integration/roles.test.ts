/**
 * `loupe serve --role api` and `--role worker` as separate processes on one database: the API process
 * imports the manifest and never fetches a log; the worker fetches every log once, from its
 * --allow-source prefix only; the API shows the results. Requires `npm run build` (the built CLI).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { demoManifestFile } from "../test-support/demo-manifest-file.js";
import {
  assertBuiltServeKnows,
  databaseArgs,
  type ServeProcess,
  startServe,
  waitForStatus,
} from "../test-support/serve-process.js";
import { storeFactories } from "../test-support/store-factories.js";

const COUNT = 40;

beforeAll(() => assertBuiltServeKnows("--role all|api|worker"));

describe.each(storeFactories)("an api process and a worker process on $dialect", (factory) => {
  it("split the work: the api imports and answers, the worker ingests every log once", {
    timeout: 90_000,
  }, async () => {
    const db = await factory.create();
    const { bucket, path, urls, dispose } = await demoManifestFile({ count: COUNT, delayMs: 0 });
    const database = [...databaseArgs(db.options), "--port", "0"];
    const children: ServeProcess[] = [];
    try {
      const api = await startServe(["--role", "api", "--manifest", path, ...database], {});
      children.push(api);
      expect(api.output()).toMatch(/API and dashboard only/);
      // Imported, and nothing fetched: ingestion is the workers' job.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await waitForStatus(api.url, () => true)).toMatchObject({
        total: urls.size,
        pending: urls.size,
      });
      expect(bucket.hits.size).toBe(0);

      const worker = await startServe(
        ["--role", "worker", "--allow-source", bucket.baseUrl, ...database],
        {},
      );
      children.push(worker);
      expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${worker.url}/api/connections`)).status).toBe(404);

      const final = await waitForStatus(api.url, (s) => s.pending === 0);
      expect(final).toEqual({ total: urls.size, done: urls.size, pending: 0, failed: 0 });
      expect(new Set(bucket.hits.keys())).toEqual(urls);
      expect([...bucket.hits.values()].every((hits) => hits === 1)).toBe(true);
      const metrics = await (await fetch(`${worker.url}/metrics`)).text();
      expect(metrics).toMatch(/loupe_ingest_events\{name="fetches_ok"\} [1-9]/);
      const page = (await (await fetch(`${api.url}/api/connections?status=ok&limit=1`)).json()) as {
        total: number;
      };
      expect(page.total).toBeGreaterThan(0);
    } finally {
      await Promise.all(children.map((child) => child.stop("SIGTERM")));
      await dispose();
      await db.dispose();
    }
  });
});
