/** When to try a failed fetch again: exponential backoff with full jitter, and the server's Retry-After. */

/**
 * Full jitter (uniform in [0, min(cap, base·2^(attempt-1))), as in AWS's "Exponential Backoff and Jitter"):
 * spreads the retries of many logs that failed together (one bucket outage) instead of having them return
 * in lockstep. `attempt` is the number of attempts made so far, 1 after the first failure.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const exponent = Number.isFinite(attempt) ? Math.max(0, Math.floor(attempt) - 1) : 0;
  // 2 ** 1100 is Infinity, and min() then picks the cap: no overflow to worry about.
  const ceiling = Math.max(0, Math.min(capMs, baseMs * 2 ** exponent));
  return Math.floor(Math.min(Math.max(random(), 0), 1) * ceiling);
}

/** Longest Retry-After honoured: a misconfigured server must not park a log for a month. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/** `Retry-After` (seconds or an HTTP date) → milliseconds from `now`, or undefined when absent or unreadable. */
export function parseRetryAfter(
  header: string | readonly string[] | undefined,
  now: number,
): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === "") return undefined;
  let ms: number;
  if (/^\d+$/.test(value)) ms = Number(value) * 1000;
  else {
    const at = Date.parse(value);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, ms), MAX_RETRY_AFTER_MS);
}
