/**
 * Worker threads that parse logs while the main thread keeps serving the API. Each job (one log) is
 * placed on the worker with the fewest jobs; a worker interleaves several, so a slow 1 GB log does not
 * hold back the small ones queued behind it, and the number of jobs is the pipeline's concurrency,
 * not the pool's size. Memory per job is bounded (see parse-job.ts).
 *
 * A crashed worker (uncaught error, exit, out of memory) rejects the jobs it had and is dropped; the next
 * job starts a fresh one. Replacing lazily means a worker script that cannot even start does not spin.
 */
import { availableParallelism } from "node:os";
import { type ResourceLimits, Worker } from "node:worker_threads";
import { InlineParseJob } from "./inline-parse-job.js";
import { type ParseJob, ParseJobError, WorkerParseJob } from "./parse-job.js";
import type { FromWorker } from "./parse-protocol.js";
import { assertWorkerExists, defaultWorkerUrl } from "./worker-location.js";

export type { ParseJob, ParseResult } from "./parse-job.js";
export { ParseJobError } from "./parse-job.js";

export interface ParsePoolOptions {
  /** Worker threads; default max(1, availableParallelism() - 1): one core stays for the API. */
  readonly size?: number;
  /** Parse on the calling thread instead (tests; tiny hosts). */
  readonly inline?: boolean;
  /** The worker script; default next to this module (see worker-location.ts). */
  readonly workerUrl?: URL;
  /** Batches of one job on their way to its worker at once; default 4. */
  readonly maxInFlightChunks?: number;
  /** Bytes per batch sent to a worker; default 256 KiB (fewer, larger messages). */
  readonly batchBytes?: number;
  /** Heap limits per worker, so a pathological log kills its worker, not the server. */
  readonly resourceLimits?: ResourceLimits;
}

export interface ParsePoolStats {
  readonly workers: number;
  readonly workersStarted: number;
  readonly workerCrashes: number;
  readonly activeJobs: number;
}

export interface ParsePool {
  readonly size: number;
  readonly inline: boolean;
  open(): ParseJob;
  stats(): ParsePoolStats;
  /** Fails the jobs still running and stops the workers. */
  close(): Promise<void>;
}

export function createParsePool(options: ParsePoolOptions = {}): ParsePool {
  return options.inline === true ? new InlineParsePool() : new WorkerParsePool(options);
}

class InlineParsePool implements ParsePool {
  readonly size = 1;
  readonly inline = true;
  private active = 0;

  open(): ParseJob {
    this.active++;
    return new InlineParseJob(() => this.active--);
  }

  stats(): ParsePoolStats {
    return { workers: 0, workersStarted: 0, workerCrashes: 0, activeJobs: this.active };
  }

  async close(): Promise<void> {}
}

interface PoolWorker {
  readonly thread: Worker;
  readonly jobs: Map<number, WorkerParseJob>;
  dead: boolean;
}

class WorkerParsePool implements ParsePool {
  readonly size: number;
  readonly inline = false;
  private readonly workerUrl: URL;
  private readonly limits: { batchBytes: number; maxInFlight: number };
  private readonly workers: PoolWorker[] = [];
  private nextJobId = 1;
  private started = 0;
  private crashes = 0;
  private closed = false;

  constructor(private readonly options: ParsePoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? Math.max(1, availableParallelism() - 1)));
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl();
    assertWorkerExists(this.workerUrl);
    this.limits = {
      batchBytes: Math.max(1024, options.batchBytes ?? 256 * 1024),
      maxInFlight: Math.max(1, options.maxInFlightChunks ?? 4),
    };
  }

  open(): ParseJob {
    if (this.closed) throw new ParseJobError("parse pool is closed");
    const worker = this.workers.length < this.size ? this.spawn() : this.leastBusy();
    const id = this.nextJobId++;
    const job = new WorkerParseJob(
      id,
      (message, transfer) => {
        if (!worker.dead) worker.thread.postMessage(message, transfer ?? []);
      },
      this.limits,
      () => {
        worker.jobs.delete(id);
        // An idle worker must not keep the process alive on its own.
        if (worker.jobs.size === 0) worker.thread.unref();
      },
    );
    if (worker.jobs.size === 0) worker.thread.ref();
    worker.jobs.set(id, job);
    return job;
  }

  stats(): ParsePoolStats {
    const activeJobs = this.workers.reduce((n, w) => n + w.jobs.size, 0);
    return {
      workers: this.workers.length,
      workersStarted: this.started,
      workerCrashes: this.crashes,
      activeJobs,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = this.workers.splice(0);
    for (const worker of workers) {
      worker.dead = true;
      for (const job of [...worker.jobs.values()]) job.fail(new ParseJobError("parse pool closed"));
    }
    await Promise.all(workers.map((w) => w.thread.terminate()));
  }

  private leastBusy(): PoolWorker {
    let best = this.workers[0] as PoolWorker;
    for (const worker of this.workers) if (worker.jobs.size < best.jobs.size) best = worker;
    return best;
  }

  private spawn(): PoolWorker {
    const { resourceLimits } = this.options;
    const thread = new Worker(this.workerUrl, {
      name: "loupe-parse",
      ...(resourceLimits === undefined ? {} : { resourceLimits }),
    });
    const worker: PoolWorker = { thread, jobs: new Map(), dead: false };
    this.workers.push(worker);
    this.started++;
    thread.on("message", (message: FromWorker) => {
      const job = worker.jobs.get(message.job);
      if (job === undefined) return;
      if (message.type === "ack") job.acked();
      else if (message.type === "done") job.done(message.analysis, message.parseMs);
      else job.fail(new ParseJobError(`parser failed: ${message.message}`));
    });
    thread.on("error", (error) => this.crashed(worker, `parse worker crashed: ${error.message}`));
    thread.on("exit", (code) => this.crashed(worker, `parse worker exited with code ${code}`));
    return worker;
  }

  private crashed(worker: PoolWorker, reason: string): void {
    if (worker.dead) return;
    worker.dead = true;
    this.crashes++;
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers.splice(index, 1);
    for (const job of [...worker.jobs.values()]) job.fail(new ParseJobError(reason));
    void worker.thread.terminate();
  }
}
