/** The ingestion pipeline's public shape: what it needs (options) and what it offers. */
import type { Store } from "../store/store.js";
import type { CheckUrl } from "./fetch-types.js";
import type { IngestCounters } from "./ingest-counters.js";
import type { ParsePool } from "./parse-pool.js";

/** Where an error reported to onError happened ("ingest": a bug while processing one log). */
export type IngestErrorPhase = "claimLogs" | "completeLog" | "ingest";

/** The part of the Store the pipeline uses. */
export type IngestQueue = Pick<Store, "claimLogs" | "completeLog" | "prioritize">;

export interface IngestFetchOptions {
  /** Longest wait for headers, and longest silence in a body. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Backoff of retryable failures: full jitter below min(cap, base·2^(attempt-1)). */
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  /** The source rules (SSRF allowlist): called for every URL and redirect hop. */
  readonly checkUrl: CheckUrl;
}

export interface IngestPipelineOptions {
  readonly store: IngestQueue;
  readonly fetch: IngestFetchOptions;
  readonly parsePool: ParsePool;
  /** Logs fetched and parsed at once. */
  readonly concurrency: number;
  readonly leaseMs: number;
  /** Names this process in the queue's lease_owner. */
  readonly workerId: string;
  readonly parserVersion: number;
  /** Attempts before a retryable failure becomes final (the store counts attempts per claim). */
  readonly maxAttempts: number;
  /** Epoch ms for the queue (due times, retryAt); default Date.now. Timeouts always use real time. */
  readonly clock?: () => number;
  readonly random?: () => number;
  /** How often to look for due logs when there is nothing to do; default 1 s. */
  readonly pollMs?: number;
  /** Store failures and bugs (the loop carries on); default: console.error. */
  readonly onError?: (error: unknown, during: IngestErrorPhase) => void;
}

export interface IngestPipeline {
  /** Runs the loop in the background until stop(). */
  start(): void;
  /**
   * Stops claiming; waits up to `graceMs` (default 0) for logs in flight, then aborts the rest, which
   * record nothing and are claimed again when their lease expires.
   */
  stop(graceMs?: number): Promise<void>;
  /**
   * Resolves once nothing is due and nothing is in flight (runs the loop meanwhile if it is not started),
   * or when stop() is called. Logs waiting for a retry in the future are not due.
   */
  drain(): Promise<void>;
  /** Puts a log at the front of the queue (a user opened it) and looks for work at once. */
  ingestNow(logId: number): Promise<void>;
  counters(): IngestCounters;
}
