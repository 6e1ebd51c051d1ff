/**
 * `npm run cluster`: the production topology on loopback for anyone to try: nginx in front of two API
 * processes, two ingestion workers, a throwaway PostgreSQL, and the demo fleet (its bucket in a thread of
 * this process; the first API process imports its manifest). Ctrl-C stops everything and removes every
 * folder it made. LOUPE_CLUSTER_PORT (default 8080) and LOUPE_DEMO_COUNT (default 3000).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateDemoManifest, startDemoBucketThread } from "@loupe/demo";
import type { IngestStatus } from "../store/store.js";
import { type Cluster, startCluster } from "./cluster.js";

const count = Number(process.env.LOUPE_DEMO_COUNT ?? 3000);
const port = Number(process.env.LOUPE_CLUSTER_PORT ?? 8080);

let cluster: Cluster | undefined;
let stopping = false;
const cleanUps: (() => Promise<void>)[] = [];
const stopAll = async (code: number) => {
  stopping = true;
  await cluster?.stop();
  for (const cleanUp of cleanUps.reverse()) await cleanUp();
  process.exit(code);
};
// The loupe processes get the terminal's Ctrl-C too; PostgreSQL (its own session) and the folders
// need us. A Ctrl-C during the start makes the start fail, which stops what it had started.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (!stopping) {
      console.log("\nstopping…");
      void stopAll(0);
    }
  });
}

try {
  console.log(
    `starting PostgreSQL, 2 API processes, 2 workers and nginx on 127.0.0.1 (${count} demo connections)…`,
  );
  const bucket = await startDemoBucketThread({ count });
  cleanUps.push(() => bucket.close());
  const dir = await mkdtemp(join(tmpdir(), "loupe-cluster-manifest-"));
  cleanUps.push(() => rm(dir, { recursive: true, force: true }));
  const manifest = join(dir, "manifest.json");
  await writeFile(manifest, JSON.stringify(generateDemoManifest({ baseUrl: bucket.url, count })));
  cluster = await startCluster({ manifest, allowSources: [bucket.url], port });
} catch (error) {
  if (!stopping) {
    console.error(`could not start the cluster: ${(error as Error).message}`);
    await stopAll(1);
  }
}

if (cluster !== undefined && !stopping) {
  const processes = [...cluster.apis, ...cluster.workers]
    .map((child) => `${child.name} ${child.url} (pid ${child.pid()})`)
    .join("\n  ");
  console.log(
    `\nLoupe cluster: ${cluster.url}\n\n  nginx ${cluster.url} (pid ${cluster.nginx.pid}) → api-1, api-2\n  ${processes}\n` +
      `  PostgreSQL ${cluster.databaseUrl}\n  logs: ${cluster.logDir}\n\nCtrl-C stops everything.`,
  );
  void reportIngestion(cluster.url);
}

/** One line once the workers have ingested every log (the dashboard shows the progress meanwhile). */
async function reportIngestion(url: string): Promise<void> {
  const started = performance.now();
  while (!stopping) {
    const status = await fetch(`${url}/api/ingest/status`)
      .then((response) => response.json() as Promise<IngestStatus>)
      .catch(() => undefined);
    if (status !== undefined && status.pending === 0) {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      console.log(`all ${status.total} logs ingested by the workers (${seconds} s after the start).`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
