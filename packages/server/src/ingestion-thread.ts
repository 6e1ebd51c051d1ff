/**
 * `loupe serve` runs its ingestion in a worker thread with a store of its own. Profiled on the main
 * thread during the demo ingest, SQLite's commits (with their WAL checkpoints) and series inserts were
 * ~25% of the event loop, in stalls of up to hundreds of ms that every API request queued behind
 * (docs/benchmarks.md). In a thread of its own, the pipeline's fetches, copies to the parser and
 * writes leave the main thread to the API; WAL lets both connections work at once, and the main
 * connection's data generation sees the thread's commits (PRAGMA data_version).
 *
 * The thread is restarted if it dies: the logs it held are claimed again when their leases expire.
 */
import { Worker } from "node:worker_threads";
import { assertWorkerExists, compiledScriptUrl } from "./ingest/worker-location.js";
import type {
  FromIngestionThread,
  IngestionThreadData,
  ToIngestionThread,
} from "./ingestion-thread-protocol.js";

export interface IngestionThread {
  /** Puts a log at the front of the queue (a user opened its connection). */
  ingestNow(logId: number): Promise<void>;
  /** The pipeline's counters as of the last second, flattened for /metrics. */
  counters(): Record<string, number>;
  /** Stops the pipeline (logs in flight get a few seconds) and the thread. */
  close(): Promise<void>;
}

export interface IngestionThreadOptions {
  readonly workerUrl?: URL;
  /** Wait before restarting a thread that died; default 1 s. */
  readonly restartDelayMs?: number;
  /** Where a dead thread is reported; default console.error. */
  readonly onExit?: (error: Error) => void;
}

export function startIngestionThread(
  data: IngestionThreadData,
  options: IngestionThreadOptions = {},
): IngestionThread {
  const workerUrl = options.workerUrl ?? compiledScriptUrl(import.meta.url, "ingestion-thread-worker.js");
  assertWorkerExists(workerUrl, "ingestion thread");
  const onExit = options.onExit ?? ((error: Error) => console.error(error.message));
  const waiting = new Map<number, { resolve(): void; reject(error: Error): void }>();
  let counters: Record<string, number> = {};
  let nextId = 0;
  let closing = false;
  let closed: Promise<void> | undefined;
  /** The live thread; undefined between a crash and its restart. */
  let worker: Worker | undefined;

  const spawn = (): void => {
    const w = new Worker(workerUrl, { workerData: data });
    w.on("message", (message: FromIngestionThread) => {
      if (message.type === "counters") counters = { ...message.counters };
      else if (message.type === "done") {
        const waiter = waiting.get(message.id);
        waiting.delete(message.id);
        if (message.error === undefined) waiter?.resolve();
        else waiter?.reject(new Error(message.error));
      }
    });
    w.on("error", (error) => onExit(new Error(`ingestion thread failed: ${error.message}`)));
    w.on("exit", (code) => {
      if (worker === w) worker = undefined;
      for (const waiter of waiting.values()) waiter.reject(new Error("the ingestion thread stopped"));
      waiting.clear();
      if (closing) return;
      onExit(new Error(`ingestion thread exited (code ${code}); restarting`));
      setTimeout(() => {
        if (!closing) spawn();
      }, options.restartDelayMs ?? 1_000).unref();
    });
    worker = w;
  };
  spawn();

  const send = (message: ToIngestionThread): void => worker?.postMessage(message);
  return {
    ingestNow(logId) {
      // Between a crash and the restart the log stays queued; the new thread finds it.
      if (closing || worker === undefined) return Promise.resolve();
      const id = nextId++;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        send({ type: "ingestNow", id, logId });
      });
    },
    counters: () => counters,
    close() {
      closed ??= (async () => {
        closing = true;
        const w = worker;
        if (w === undefined) return;
        const exited = new Promise<void>((resolve) => w.once("exit", () => resolve()));
        send({ type: "close" });
        // The pipeline gives logs in flight 5 s; a thread that hangs beyond that is stopped.
        const timeout = setTimeout(() => void w.terminate(), 15_000);
        await exited;
        clearTimeout(timeout);
      })();
      return closed;
    },
  };
}
