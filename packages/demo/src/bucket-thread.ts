/**
 * The demo bucket in a worker thread with an HTTP server of its own on 127.0.0.1. Inside `loupe serve`
 * the bucket generated 1.6 GB of logs on the API's event loop (40% of it during the demo ingest) and,
 * once generation moved to a worker, the main thread still paid for the bytes passing through it:
 * external memory that set off a major GC every ~0.7 s (docs/benchmarks.md). In a thread of its own,
 * generation, the bytes and their garbage stay there; the server redirects its stable
 * `/demo-bucket/…` URLs here (as object stores redirect), so stored URLs do not depend on this port.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { DemoBucketOptions, RunningDemoBucket } from "./bucket.js";

export type BucketThreadMessage = { readonly type: "listening"; readonly url: string; readonly port: number };

export async function startDemoBucketThread(
  options: Omit<DemoBucketOptions, "prefix"> = {},
  workerUrl: URL = bucketThreadScriptUrl(),
): Promise<RunningDemoBucket> {
  if (workerUrl.protocol === "file:" && !existsSync(fileURLToPath(workerUrl))) {
    throw new Error(
      `demo bucket thread script not found at ${fileURLToPath(workerUrl)} (running from source: build it with \`npx tsc -b packages/demo\`)`,
    );
  }
  const worker = new Worker(workerUrl, { workerData: options });
  const listening = await new Promise<BucketThreadMessage>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`demo bucket thread exited (code ${code})`)));
  });
  worker.unref();
  return {
    url: listening.url,
    port: listening.port,
    async close() {
      await worker.terminate();
    },
  };
}

/** Next to this module once compiled; from TypeScript source (Vitest), the compiled copy in dist/. */
function bucketThreadScriptUrl(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith(".ts")
    ? new URL("../dist/bucket-thread-worker.js", here)
    : new URL("./bucket-thread-worker.js", here);
}
