/**
 * The ingestion loop: claim due logs from the store's queue, fetch and parse up to `concurrency` of them
 * at once, and record each outcome with completeLog.
 *
 * Leases are not renewed. Instead every log must be done within its lease: the fetch and parse get a
 * budget of `leaseMs` minus a margin (a fifth of it, at most 30 s) for the completeLog write, and a log
 * that needs longer is recorded as retryable (and, after maxAttempts, unavailable with the reason). So
 * choose `leaseMs` above the slowest acceptable download: 10 minutes covers a 1 GB log at 2 MB/s. A
 * worker that dies mid-log leaves its lease to expire, and another worker (or the next start) picks the
 * log up then; the store's token check means a late writer can never overwrite a newer result.
 */
import { setMaxListeners } from "node:events";
import type { ClaimedLog } from "../store/store.js";
import { type IngestCounters, newCounters, snapshot } from "./ingest-counters.js";
import { ingestOne } from "./ingest-one.js";
import type { IngestErrorPhase, IngestPipeline, IngestPipelineOptions } from "./pipeline-types.js";

export type { IngestCounters } from "./ingest-counters.js";
export type {
  IngestErrorPhase,
  IngestFetchOptions,
  IngestPipeline,
  IngestPipelineOptions,
  IngestQueue,
} from "./pipeline-types.js";

export function createIngestPipeline(options: IngestPipelineOptions): IngestPipeline {
  return new Pipeline(options);
}

/** How long fetch + parse may take: the lease minus a margin (a fifth, at most 30 s) for completeLog. */
export function leaseBudgetMs(leaseMs: number): number {
  return Math.max(1, leaseMs - Math.min(30_000, Math.ceil(leaseMs / 5)));
}

class Pipeline implements IngestPipeline {
  private readonly counts = newCounters();
  private readonly clock: () => number;
  private readonly active = new Set<Promise<void>>();
  private stopping = stopSignal();
  private loop: Promise<void> | undefined;
  private looping = false;
  private keepRunning = false;
  private idleWaiters: (() => void)[] = [];
  private wakeLoop: (() => void) | undefined;
  private wokenEarly = false;

  constructor(private readonly options: IngestPipelineOptions) {
    if (!(options.concurrency >= 1)) throw new RangeError("concurrency must be at least 1");
    if (!(options.maxAttempts >= 1)) throw new RangeError("maxAttempts must be at least 1");
    this.clock = options.clock ?? Date.now;
  }

  start(): void {
    this.keepRunning = true;
    this.ensureLoop();
  }

  async stop(graceMs = 0): Promise<void> {
    this.keepRunning = false;
    // Whoever waits for a drain would otherwise wait for a loop that no longer runs.
    for (const resolve of this.idleWaiters.splice(0)) resolve();
    this.wake();
    await this.loop;
    if (this.active.size > 0 && graceMs > 0) await Promise.race([this.allSettled(), sleep(graceMs)]);
    this.stopping.abort(new Error("ingest pipeline stopped"));
    await this.allSettled();
    this.stopping = stopSignal();
  }

  drain(): Promise<void> {
    const idle = new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    this.ensureLoop();
    this.wake();
    return idle;
  }

  async ingestNow(logId: number): Promise<void> {
    await this.options.store.prioritize(logId, this.clock());
    this.wake();
  }

  counters(): IngestCounters {
    return snapshot(this.counts);
  }

  private ensureLoop(): void {
    if (this.looping) return;
    this.looping = true;
    this.loop = this.run();
  }

  /**
   * Runs while started, or while someone waits for the queue to drain. `looping` is cleared in the same
   * synchronous step that decides to end, before any waiter's continuation runs: a drain() called right
   * after the previous one resolved must start a new loop, not join the one that is ending.
   */
  private async run(): Promise<void> {
    for (;;) {
      if (!this.keepRunning && this.idleWaiters.length === 0) {
        this.looping = false;
        return;
      }
      const waiting = this.idleWaiters.length;
      const claimed = await this.claim();
      for (const log of claimed ?? []) this.launch(log);
      if (claimed !== undefined && claimed.length === 0 && this.active.size === 0) {
        // Only those who asked before this claim: it proves the queue was empty after they asked.
        const idle = this.idleWaiters.splice(0, waiting);
        const ending = !this.keepRunning && this.idleWaiters.length === 0;
        if (ending) this.looping = false;
        for (const resolve of idle) resolve();
        if (ending) return;
      }
      const full = this.active.size >= this.options.concurrency;
      // Full: a finishing log wakes us. Not full: nothing more was due, so look again after pollMs.
      await this.sleepUntilWoken(full ? undefined : (this.options.pollMs ?? 1000));
    }
  }

  /** Claims as many logs as there are free slots; undefined when the store failed. */
  private async claim(): Promise<ClaimedLog[] | undefined> {
    const free = this.options.concurrency - this.active.size;
    if (free <= 0) return [];
    const { store, workerId, leaseMs } = this.options;
    try {
      return await store.claimLogs(workerId, free, leaseMs, this.clock());
    } catch (error) {
      this.counts.storeErrors++;
      this.report(error, "claimLogs");
      return undefined;
    }
  }

  private launch(log: ClaimedLog): void {
    this.counts.inFlight++;
    const task = this.process(log)
      // A bug must not become an unhandled rejection (which ends the process): report it, let the lease lapse.
      .catch((error: unknown) => this.report(error, "ingest"))
      .finally(() => {
        this.counts.inFlight--;
        this.active.delete(task);
        this.wake();
      });
    this.active.add(task);
  }

  private async process(log: ClaimedLog): Promise<void> {
    const { options, counts } = this;
    const { fetch } = options;
    const outcome = await ingestOne(log, leaseBudgetMs(options.leaseMs), {
      timeoutMs: fetch.timeoutMs,
      maxBytes: fetch.maxBytes,
      checkUrl: fetch.checkUrl,
      parsePool: options.parsePool,
      parserVersion: options.parserVersion,
      retry: {
        maxAttempts: options.maxAttempts,
        retryBaseMs: fetch.retryBaseMs,
        retryCapMs: fetch.retryCapMs,
        random: options.random ?? Math.random,
      },
      clock: this.clock,
      counters: counts,
      signal: this.stopping.signal,
    });
    if (outcome === undefined) return;
    try {
      const written = await options.store.completeLog(log.logId, log.leaseToken, outcome, this.clock());
      if (!written) counts.leaseLost++;
      else if (outcome.kind === "parsed") counts.outcomes.parsed++;
      else if (outcome.kind === "missing") counts.outcomes.missing++;
      else if (outcome.retryAt === null) counts.outcomes.gaveUp++;
      else counts.outcomes.retry++;
    } catch (error) {
      // The lease will expire and the log be fetched again: nothing is lost.
      counts.storeErrors++;
      this.report(error, "completeLog");
    }
  }

  private async allSettled(): Promise<void> {
    while (this.active.size > 0) await Promise.allSettled([...this.active]);
  }

  private sleepUntilWoken(ms: number | undefined): Promise<void> {
    if (this.wokenEarly) {
      this.wokenEarly = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => this.wake(), ms);
      this.wakeLoop = () => {
        clearTimeout(timer);
        this.wakeLoop = undefined;
        resolve();
      };
    });
  }

  /** A wake-up while the loop is busy (claiming) is kept for its next sleep, so no event is missed. */
  private wake(): void {
    if (this.wakeLoop === undefined) this.wokenEarly = true;
    else this.wakeLoop();
  }

  private report(error: unknown, during: IngestErrorPhase): void {
    if (this.options.onError !== undefined) this.options.onError(error, during);
    else console.error(`ingest: ${during} failed:`, error);
  }
}

/** One signal for all logs in flight; each adds a listener or two, so lift the leak warning's limit of 10. */
function stopSignal(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
