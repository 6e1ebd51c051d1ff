/**
 * From a download's result to what the store records (IngestOutcome). Pure, so every rule is tested
 * directly: retryable failures come back after a jittered backoff until `maxAttempts`, then stop for good
 * (status unavailable); failures that retrying cannot fix stop at once.
 */
import type { IngestOutcome } from "../store/store.js";
import type { FetchResult } from "./fetch-types.js";
import { retryDelayMs } from "./retry-delay.js";

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryCapMs: number;
  readonly random: () => number;
}

/** `attempt` counts this one (the store increments attempts when it hands out a log: 1 the first time). */
export function failedFetchOutcome(
  result: Exclude<FetchResult, { kind: "ok" }>,
  attempt: number,
  policy: RetryPolicy,
  now: number,
): IngestOutcome {
  switch (result.kind) {
    case "missing":
      return { kind: "missing", httpStatus: result.status };
    case "retryable":
      return retryOutcome(result.reason, attempt, policy, now, result.retryAfterMs);
    case "too_large":
      return {
        kind: "unavailable",
        error: `log is larger than the ${formatBytes(result.maxBytes)} limit (${formatBytes(result.bytes)} or more); not fetched`,
        retryAt: null,
      };
    case "failed":
      return { kind: "unavailable", error: result.reason, retryAt: null };
    case "not_modified":
      // The pipeline sends no validators (there is no "unchanged" outcome to record), so this is a
      // misbehaving server or proxy: another try without a cache in between may get the body.
      return retryOutcome("unexpected 304 Not Modified", attempt, policy, now);
  }
}

export function retryOutcome(
  error: string,
  attempt: number,
  policy: RetryPolicy,
  now: number,
  retryAfterMs?: number,
): IngestOutcome {
  if (attempt >= policy.maxAttempts) {
    return { kind: "unavailable", error: `${error} (gave up after ${attempt} attempts)`, retryAt: null };
  }
  const backoff = retryDelayMs(attempt, policy.retryBaseMs, policy.retryCapMs, policy.random);
  // A server that says when to come back knows better than our guess, but never sooner than the guess.
  return { kind: "unavailable", error, retryAt: now + Math.max(backoff, retryAfterMs ?? 0) };
}

export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0
    ? `${bytes} bytes`
    : `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}
