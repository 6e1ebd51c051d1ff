/** Drives the queue by hand in tests: claim what is due, complete it with the outcome a test chose per URL. */
import type { LogAnalysis } from "@loupe/core";
import type { IngestOutcome, Store } from "../store/store.js";

export const PARSER_VERSION = 1;

export function parsedOutcome(analysis: LogAnalysis, parserVersion: number = PARSER_VERSION): IngestOutcome {
  return { kind: "parsed", analysis, bytes: analysis.bytes, etag: null, lastModified: null, parserVersion };
}

/**
 * Claims every due log and completes those `outcomeFor` answers for (the rest stay leased until the lease
 * runs out). Returns how many were completed.
 */
export async function ingestDue(
  store: Store,
  outcomeFor: (url: string) => IngestOutcome | undefined,
  now: number = Date.now(),
): Promise<number> {
  const claimed = await store.claimLogs("test-worker", 100_000, 60_000, now);
  let completed = 0;
  for (const log of claimed) {
    const outcome = outcomeFor(log.url);
    if (outcome === undefined) continue;
    if (await store.completeLog(log.logId, log.leaseToken, outcome, now)) completed++;
  }
  return completed;
}
