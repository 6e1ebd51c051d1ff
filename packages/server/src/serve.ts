/**
 * `loupe serve`: one process that stores, ingests and answers. Wires the store, the ingestion pipeline,
 * the API and (without a manifest) the demo bucket, whose logs go through the same HTTP ingestion as
 * production's.
 */
import { startDemoBucketThread } from "@loupe/demo";
import { buildApi } from "./api/app.js";
import { warmUp } from "./api/warm-up.js";
import type { ServeConfig } from "./config/config.js";
import { redirectMount } from "./demo-redirect.js";
import { importRows } from "./ingestion.js";
import { type IngestionThread, startIngestionThread } from "./ingestion-thread.js";
import { keepCompiledCode } from "./jit-tuning.js";
import { demoRows, manifestRows } from "./manifest-rows.js";
import { createRawLogSource } from "./raw-logs/raw-log-source.js";
import { serveWorker } from "./serve-worker.js";
import { createSourceAllowlist } from "./sources/source-allowlist.js";
import { openStore, storeOptions } from "./store/open-store.js";
import { lowerOtherThreadsPriority } from "./thread-priority.js";
import { webRoot } from "./web-root.js";

/** The raw viewer holds whole parsed logs in memory (~3× their size): bigger logs are refused there. */
const RAW_VIEW_MAX_BYTES = 256 * 1024 * 1024;
const RAW_VIEW_CACHE_BYTES = 768 * 1024 * 1024;

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function serve(
  config: ServeConfig,
  log: (line: string) => void = console.log,
): Promise<RunningServer> {
  if (config.role === "worker") return serveWorker(config);
  keepCompiledCode();
  const store = await openStore(config);
  // --role api leaves ingestion to workers: the API's fallbacks then queue and prioritise in the store.
  const ingests = config.role === "all";
  const sources = createSourceAllowlist(config.allowSources);
  // Started once the manifest is imported (its hosts become trusted sources): ingestion-thread.ts.
  let ingestion: IngestionThread | undefined;
  const demo = ingests && config.manifest === undefined;
  // Off the API's thread (bucket-thread.ts in @loupe/demo); the server's own URLs redirect there.
  const demoBucket = demo ? await startDemoBucketThread({ count: config.demoCount }) : undefined;
  if (demoBucket !== undefined) sources.trustManifestUrls([demoBucket.url]);
  // Ready (for /readyz) once the manifest is imported, ingestion started and the hot routes warm.
  let started = false;
  const api = await buildApi({
    store,
    auth: config.auth,
    started: () => started,
    checkSourceUrl: sources.check,
    ...(config.uploadTo === undefined
      ? {}
      : {
          uploads: {
            prefix: config.uploadTo,
            maxBytes: config.maxLogBytes,
            timeoutMs: config.fetchTimeoutMs,
            ...(config.uploadAuthorization === undefined
              ? {}
              : { authorization: config.uploadAuthorization }),
          },
        }),
    rateLimit: { perMinute: config.rateLimit },
    trustProxy: config.trustProxy,
    ingest: !ingests
      ? undefined
      : {
          prioritize: async (logId) => {
            // Before ingestion starts, priority is still recorded: the thread claims the front first.
            if (ingestion === undefined) await store.prioritize(logId, Date.now());
            else await ingestion.ingestNow(logId);
          },
          requeue: async (logId) => {
            await store.requeue(logId, Date.now());
            await ingestion?.ingestNow(logId);
          },
          counters: () => ingestion?.counters() ?? {},
        },
    rawLogs: createRawLogSource({
      timeoutMs: config.fetchTimeoutMs,
      maxBytes: Math.min(config.maxLogBytes, RAW_VIEW_MAX_BYTES),
      checkUrl: sources.check,
      cacheBytes: RAW_VIEW_CACHE_BYTES,
    }),
    webRoot: webRoot(),
    mounts: demoBucket === undefined ? [] : [redirectMount("/demo-bucket/", demoBucket.url)],
  });
  const close = async () => {
    await api.close();
    await ingestion?.close();
    await demoBucket?.close();
    await store.close();
  };
  try {
    const url = await api.listen({ host: config.host, port: config.port });
    // Import after listening: the demo's log URLs point at this very server.
    const rows = demo
      ? demoRows(url, config.demoCount)
      : config.manifest === undefined
        ? []
        : await manifestRows(config.manifest, log);
    if (demo || config.manifest !== undefined) {
      const imported = await importRows(store, sources, rows);
      log(
        `imported ${rows.length} connections (${imported.inserted} new, ${imported.updated} changed); ` +
          `${imported.logsQueued + imported.reparse} logs queued`,
      );
    }
    if (ingests) {
      // This process both answers and ingests: what is not the API's thread yields to it.
      lowerOtherThreadsPriority();
      ingestion = startIngestionThread({
        store: storeOptions(config),
        settings: {
          fetchTimeoutMs: config.fetchTimeoutMs,
          maxLogBytes: config.maxLogBytes,
          ingestConcurrency: config.ingestConcurrency,
          leaseMs: config.leaseMs,
        },
        allowSources: config.allowSources,
        trustedOrigins: sources.trustedOrigins(),
      });
    }
    await warmUp(api, api.loupeAuth.warmUpHeaders);
    started = true;
    return { url, close };
  } catch (error) {
    // A manifest that cannot be read (or a port in use) must not leave a half-started server behind.
    await close();
    throw error;
  }
}
