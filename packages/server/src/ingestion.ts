/**
 * The ingestion machinery as `loupe serve` and `loupe ingest` both run it: a parse pool on worker threads
 * and the pipeline that claims logs from the store's queue, fetches them from allowed sources and records
 * what they hold.
 */
import { hostname } from "node:os";
import { PARSER_VERSION } from "@loupe/core";
import type { ServeConfig } from "./config/config.js";
import { createIngestPipeline, createParsePool, type IngestPipeline } from "./ingest/index.js";
import type { SourceAllowlist } from "./sources/source-allowlist.js";
import type { ConnectionInput, ImportResult, Store } from "./store/store.js";

const MAX_ATTEMPTS = 5;

export type IngestSettings = Pick<
  ServeConfig,
  "fetchTimeoutMs" | "maxLogBytes" | "ingestConcurrency" | "leaseMs"
>;

export interface Ingestion {
  readonly pipeline: IngestPipeline;
  /** {fetches: {ok: 3}} flattened to {fetches_ok: 3}, as /metrics exports them. */
  counters(): Record<string, number>;
  close(): Promise<void>;
}

export function createIngestion(store: Store, settings: IngestSettings, sources: SourceAllowlist): Ingestion {
  const parsePool = createParsePool();
  const pipeline = createIngestPipeline({
    store,
    fetch: {
      timeoutMs: settings.fetchTimeoutMs,
      maxBytes: settings.maxLogBytes,
      retryBaseMs: 1_000,
      retryCapMs: 60_000,
      checkUrl: sources.check,
    },
    parsePool,
    concurrency: settings.ingestConcurrency,
    // How long a log may take to fetch and parse before another worker may claim it (config.ts).
    leaseMs: settings.leaseMs,
    workerId: `${hostname()}:${process.pid}`,
    parserVersion: PARSER_VERSION,
    maxAttempts: MAX_ATTEMPTS,
  });
  return {
    pipeline,
    counters: () => flattenCounters(pipeline.counters()),
    async close() {
      await pipeline.stop(5_000);
      await parsePool.close();
    },
  };
}

/** Imports manifest rows, trusting their hosts as log sources, and queues logs of older parser versions. */
export async function importRows(
  store: Store,
  sources: SourceAllowlist,
  rows: readonly ConnectionInput[],
): Promise<ImportResult & { readonly reparse: number }> {
  sources.trustManifestUrls(rows.flatMap((r) => [r.clientUrl, r.serverUrl]));
  const result = await store.importConnections(rows);
  return { ...result, reparse: await store.requeueOutdated(PARSER_VERSION) };
}

function flattenCounters(value: object, prefix = ""): Record<string, number> {
  const flat: Record<string, number> = {};
  for (const [key, v] of Object.entries(value)) {
    const name = prefix === "" ? key : `${prefix}_${key}`;
    if (typeof v === "number") flat[name] = v;
    else if (v !== null && typeof v === "object") Object.assign(flat, flattenCounters(v, name));
  }
  return flat;
}
