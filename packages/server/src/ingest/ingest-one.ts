/**
 * One claimed log, start to finish: download it straight into a parse job, and turn what happened into
 * the IngestOutcome to record. Everything must end within `budgetMs` (the lease minus a margin, see
 * pipeline.ts), so a log that cannot be fetched in time is retried rather than written after its lease
 * has passed to someone else.
 */
import type { ClaimedLog, IngestOutcome } from "../store/store.js";
import type { CheckUrl } from "./fetch-types.js";
import { fetchLog } from "./fetcher.js";
import type { MutableCounters } from "./ingest-counters.js";
import { failedFetchOutcome, type RetryPolicy, retryOutcome } from "./outcome.js";
import type { ParseJob, ParsePool } from "./parse-pool.js";

export interface IngestOneContext {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly checkUrl: CheckUrl;
  readonly parsePool: ParsePool;
  readonly parserVersion: number;
  readonly retry: RetryPolicy;
  readonly clock: () => number;
  readonly counters: MutableCounters;
  /** Aborted when the pipeline stops: the log is then left to its lease, nothing is recorded. */
  readonly signal: AbortSignal;
}

/** The outcome to record, or undefined when the pipeline is stopping (record nothing). */
export async function ingestOne(
  log: ClaimedLog,
  budgetMs: number,
  ctx: IngestOneContext,
): Promise<IngestOutcome | undefined> {
  const job = new LazyJob(ctx.parsePool);
  // Stopping interrupts the download (through the signal) and a parse still finishing (here).
  const onStop = (): void => job.abort();
  ctx.signal.addEventListener("abort", onStop, { once: true });
  try {
    return await fetchAndParse(log, budgetMs, ctx, job);
  } finally {
    ctx.signal.removeEventListener("abort", onStop);
  }
}

async function fetchAndParse(
  log: ClaimedLog,
  budgetMs: number,
  ctx: IngestOneContext,
  job: LazyJob,
): Promise<IngestOutcome | undefined> {
  const started = Date.now();
  const { counters } = ctx;
  const options = {
    timeoutMs: ctx.timeoutMs,
    maxBytes: ctx.maxBytes,
    deadlineMs: budgetMs,
    signal: ctx.signal,
    checkUrl: ctx.checkUrl,
  };
  let result: Awaited<ReturnType<typeof fetchLog>>;
  try {
    result = await fetchLog(log.url, options, (chunk) => {
      counters.bytesFetched += chunk.length;
      return job.get().push(chunk);
    });
  } catch (error) {
    job.abort();
    if (ctx.signal.aborted) return undefined;
    // fetchLog rethrows only what onChunk threw: the parse job failed under the download.
    return parseFailed(error, log, ctx);
  }
  counters.fetches[result.kind]++;
  if (result.kind !== "ok") {
    job.abort();
    return failedFetchOutcome(result, log.attempts, ctx.retry, ctx.clock());
  }
  try {
    const remainingMs = Math.max(0, budgetMs - (Date.now() - started));
    // An empty body still gets its (empty) analysis: get() opens the job if no byte did.
    const parsed = await withinMs(job.get().finish(), remainingMs);
    counters.parseSeconds += parsed.parseSeconds;
    return {
      kind: "parsed",
      analysis: parsed.analysis,
      bytes: result.bytes,
      etag: result.etag,
      lastModified: result.lastModified,
      parserVersion: ctx.parserVersion,
    };
  } catch (error) {
    job.abort();
    if (ctx.signal.aborted) return undefined;
    return parseFailed(error, log, ctx);
  }
}

/** Opens its parse job on the first byte: most missing logs never cost the worker a message. */
class LazyJob {
  private job: ParseJob | undefined;

  constructor(private readonly pool: ParsePool) {}

  get(): ParseJob {
    this.job ??= this.pool.open();
    return this.job;
  }

  abort(): void {
    this.job?.abort();
  }
}

function parseFailed(error: unknown, log: ClaimedLog, ctx: IngestOneContext): IngestOutcome {
  ctx.counters.parseFailures++;
  const message = error instanceof Error ? error.message : String(error);
  return retryOutcome(`parse failed: ${message}`, log.attempts, ctx.retry, ctx.clock());
}

function withinMs<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not parsed within the ${ms} ms left of the lease`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
