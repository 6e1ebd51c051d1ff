/** The demo bucket thread (bucket-thread.ts): a bucket of its own on 127.0.0.1, port chosen by the OS. */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { type DemoBucketOptions, startDemoBucket } from "./bucket.js";
import type { BucketThreadMessage } from "./bucket-thread.js";

// The lowest priority, like the server's own background threads (packages/server/src/thread-priority.ts): a busy
// machine slows the bucket rather than the requests of the server beside it. Linux only; else a no-op.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 19);
} catch {}

const bucket = await startDemoBucket({ ...(workerData as DemoBucketOptions), host: "127.0.0.1", port: 0 });
const message: BucketThreadMessage = { type: "listening", url: bucket.url, port: bucket.port };
parentPort?.postMessage(message);
