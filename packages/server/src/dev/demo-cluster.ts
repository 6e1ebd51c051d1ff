/**
 * The cluster (cluster.ts) with the demo fleet: the demo bucket in a thread of this process, its manifest
 * in a temporary file that the first API process imports, and the workers allowed to fetch from it. What
 * `npm run cluster`, the soak and the scale-out benchmark run.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DemoConnection, generateDemoManifest, startDemoBucketThread } from "@loupe/demo";
import type { IngestStatus } from "../store/store.js";
import { type Cluster, type ClusterOptions, startCluster } from "./cluster.js";

export interface DemoCluster {
  readonly cluster: Cluster;
  readonly manifest: readonly DemoConnection[];
  /** Stops the cluster and the bucket, removes the manifest. */
  stop(): Promise<void>;
}

export async function startDemoCluster(
  options: Omit<ClusterOptions, "manifest" | "allowSources"> & { readonly count: number },
): Promise<DemoCluster> {
  const cleanUps: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanUp of cleanUps.reverse()) await cleanUp();
  };
  try {
    const bucket = await startDemoBucketThread({ count: options.count });
    cleanUps.push(() => bucket.close());
    const dir = await mkdtemp(join(tmpdir(), "loupe-demo-manifest-"));
    cleanUps.push(() => rm(dir, { recursive: true, force: true }));
    const manifest = generateDemoManifest({ baseUrl: bucket.url, count: options.count });
    const path = join(dir, "manifest.json");
    await writeFile(path, JSON.stringify(manifest));
    const cluster = await startCluster({ ...options, manifest: path, allowSources: [bucket.url] });
    cleanUps.push(() => cluster.stop());
    return { cluster, manifest, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Polls /api/ingest/status (through nginx: a failed poll is polled again) until nothing is pending. */
export async function waitUntilIngested(url: string, timeoutMs = 600_000): Promise<IngestStatus> {
  const deadline = performance.now() + timeoutMs;
  let last: IngestStatus | undefined;
  for (;;) {
    last =
      (await fetch(`${url}/api/ingest/status`)
        .then((response) => (response.ok ? (response.json() as Promise<IngestStatus>) : undefined))
        .catch(() => undefined)) ?? last;
    if (last !== undefined && last.total > 0 && last.pending === 0) return last;
    if (performance.now() > deadline) throw new Error(`still ingesting: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
