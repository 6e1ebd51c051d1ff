/**
 * The ingestion thread's entry point: its own store (on SQLite its own connection, so the pipeline's
 * writes and WAL checkpoints never stop the API's event loop), the parse pool and the pipeline, exactly
 * as `createIngestion` builds them for `loupe ingest`, at background priority (thread-priority.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { createIngestion } from "./ingestion.js";
import type {
  FromIngestionThread,
  IngestionThreadData,
  ToIngestionThread,
} from "./ingestion-thread-protocol.js";
import { createSourceAllowlist } from "./sources/source-allowlist.js";
import { createStore } from "./store/kysely/create-store.js";
import { lowerThreadPriority } from "./thread-priority.js";

/** How often the counters behind /metrics are sent to the main thread. */
const COUNTERS_EVERY_MS = 1_000;

// Before the parse pool starts: its threads inherit this priority.
lowerThreadPriority();

const data = workerData as IngestionThreadData;
const port = parentPort;
if (port === null) throw new Error("ingestion-thread-worker runs as a worker thread");
const post = (message: FromIngestionThread): void => port.postMessage(message);

const store = await createStore(data.store);
const sources = createSourceAllowlist(data.allowSources);
sources.trustManifestUrls(data.trustedOrigins);
const ingestion = createIngestion(store, data.settings, sources);
ingestion.pipeline.start();

const sendCounters = (): void => post({ type: "counters", counters: ingestion.counters() });
const timer = setInterval(sendCounters, COUNTERS_EVERY_MS);
sendCounters();

port.on("message", (message: ToIngestionThread) => {
  if (message.type === "ingestNow") {
    ingestion.pipeline.ingestNow(message.logId).then(
      () => post({ type: "done", id: message.id }),
      (error: unknown) => post({ type: "done", id: message.id, error: String(error) }),
    );
    return;
  }
  clearInterval(timer);
  void (async () => {
    await ingestion.close();
    await store.close();
    sendCounters();
    post({ type: "closed" });
    port.close();
  })();
});
