/**
 * The real ingestion, as `loupe serve` wires it (manifest rows → importRows with the source allowlist →
 * pipeline → real store), run until the queue has settled: no log pending, retries included. drain()
 * alone is not enough: it resolves while a retry waits for its backoff.
 */
import type { LookupFunction } from "node:net";
import { PARSER_VERSION } from "@loupe/core";
import type { IngestCounters, IngestPipelineOptions, ParsePool } from "../ingest/index.js";
import { createIngestPipeline } from "../ingest/index.js";
import { importRows } from "../ingestion.js";
import { createSourceAllowlist } from "../sources/source-allowlist.js";
import type { ConnectionInput, IngestStatus, Store } from "../store/store.js";

export interface IngestRunOptions {
  readonly parsePool: ParsePool;
  /** Everything but the source rules, which are the manifest's hosts as `loupe serve` trusts them. */
  readonly fetch: Omit<IngestPipelineOptions["fetch"], "checkUrl">;
  readonly concurrency: number;
  readonly maxAttempts: number;
  readonly leaseMs?: number;
  /** `--allow-source` prefixes, beside the rows' own hosts; default none. */
  readonly allowSources?: readonly string[];
  /** How the source rules resolve host names; default the system's. */
  readonly resolve?: LookupFunction;
  /** Give up (and fail the test) after this long. */
  readonly deadlineMs: number;
}

export interface IngestRun {
  readonly seconds: number;
  readonly status: IngestStatus;
  readonly counters: IngestCounters;
  /** Highest process RSS seen while ingesting, minus the RSS just before, in MiB. */
  readonly rssGrowthMiB: number;
  /** Store failures and bugs the pipeline reported (it carries on after them): expect none. */
  readonly errors: readonly string[];
}

const MIB = 1024 * 1024;

/** Imports `rows` as `loupe serve` does (their hosts become trusted sources) and ingests until settled. */
export async function importAndIngest(
  store: Store,
  rows: readonly ConnectionInput[],
  options: IngestRunOptions,
): Promise<IngestRun> {
  const sources = createSourceAllowlist(
    options.allowSources ?? [],
    options.resolve === undefined ? {} : { resolve: options.resolve },
  );
  const errors: string[] = [];
  await importRows(store, sources, rows);
  const pipeline = createIngestPipeline({
    store,
    fetch: { ...options.fetch, checkUrl: sources.check },
    parsePool: options.parsePool,
    concurrency: options.concurrency,
    leaseMs: options.leaseMs ?? 120_000,
    workerId: "integration-test",
    parserVersion: PARSER_VERSION,
    maxAttempts: options.maxAttempts,
    pollMs: 20,
    onError: (error, during) => errors.push(`${during}: ${String(error)}`),
  });
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const started = performance.now();
  pipeline.start();
  try {
    const status = await settled(store, started + options.deadlineMs);
    return {
      seconds: (performance.now() - started) / 1000,
      status,
      counters: pipeline.counters(),
      rssGrowthMiB: (peak - baseline) / MIB,
      errors,
    };
  } finally {
    clearInterval(sampler);
    await pipeline.stop();
  }
}

async function settled(store: Store, deadline: number): Promise<IngestStatus> {
  for (;;) {
    const status = await store.ingestStatus();
    if (status.pending === 0) return status;
    if (performance.now() > deadline) throw new Error(`ingestion did not settle: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
