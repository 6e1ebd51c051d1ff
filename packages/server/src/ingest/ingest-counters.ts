/** What the pipeline counts, for /metrics (prom-client counters are fed from a snapshot of these). */
import type { FetchKind } from "./fetch-types.js";

export interface IngestCounters {
  /** Downloads by result kind. */
  readonly fetches: Readonly<Record<FetchKind, number>>;
  /** What was written to the store: parsed, missing, retry (unavailable for now), gaveUp (unavailable). */
  readonly outcomes: {
    readonly parsed: number;
    readonly missing: number;
    readonly retry: number;
    readonly gaveUp: number;
  };
  /** Body bytes received (decoded), complete downloads or not. */
  readonly bytesFetched: number;
  /** Seconds inside the analyzer, summed over logs (see ParseResult.parseSeconds). */
  readonly parseSeconds: number;
  /** Parse jobs that failed (worker crash, parser error): retried like a failed download. */
  readonly parseFailures: number;
  /** completeLog refused: the lease had expired and someone else owns the log now. */
  readonly leaseLost: number;
  /** claimLogs or completeLog threw. */
  readonly storeErrors: number;
  /** Logs being fetched or parsed right now. */
  readonly inFlight: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

export function newCounters(): Mutable<IngestCounters> {
  return {
    fetches: { ok: 0, not_modified: 0, missing: 0, retryable: 0, too_large: 0, failed: 0 },
    outcomes: { parsed: 0, missing: 0, retry: 0, gaveUp: 0 },
    bytesFetched: 0,
    parseSeconds: 0,
    parseFailures: 0,
    leaseLost: 0,
    storeErrors: 0,
    inFlight: 0,
  };
}

export type MutableCounters = ReturnType<typeof newCounters>;

/** A copy the caller cannot change and that does not change under it. */
export function snapshot(counters: MutableCounters): IngestCounters {
  return { ...counters, fetches: { ...counters.fetches }, outcomes: { ...counters.outcomes } };
}
