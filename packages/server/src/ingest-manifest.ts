/**
 * `loupe ingest MANIFEST`: import a manifest and ingest every queued log from the shell, then stop.
 * Uses the same store, import and pipeline as `loupe serve`.
 */
import type { ServeConfig } from "./config/config.js";
import { createIngestion, importRows } from "./ingestion.js";
import { manifestRows } from "./manifest-rows.js";
import { createSourceAllowlist } from "./sources/source-allowlist.js";
import { openStore } from "./store/open-store.js";
import type { ImportResult, IngestStatus } from "./store/store.js";

export interface IngestReport {
  log(line: string): void;
  progress(status: IngestStatus): void;
}

export interface IngestSummary {
  readonly connections: number;
  readonly imported: ImportResult;
  readonly status: IngestStatus;
  readonly bytes: number;
  readonly seconds: number;
}

export async function ingestManifest(config: ServeConfig, report: IngestReport): Promise<IngestSummary> {
  const started = Date.now();
  const store = await openStore(config);
  const sources = createSourceAllowlist(config.allowSources);
  const rows = await manifestRows(config.manifest as string, report.log);
  const imported = await importRows(store, sources, rows);
  const ingestion = createIngestion(store, config, sources);
  const poll = setInterval(() => {
    store.ingestStatus().then(report.progress, () => {});
  }, 250);
  try {
    await ingestion.pipeline.drain();
    const status = await store.ingestStatus();
    report.progress(status);
    const counters = ingestion.counters();
    return {
      connections: rows.length,
      imported,
      status,
      bytes: counters.bytesFetched ?? 0,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    clearInterval(poll);
    await ingestion.close();
    await store.close();
  }
}
