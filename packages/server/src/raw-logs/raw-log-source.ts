/**
 * Where the raw-log viewer's logs come from: fetched again from object storage (logs are never copied
 * into the database), through the same fetcher and source allowlist as ingestion, parsed, and cached.
 */
import { type CheckUrl, fetchLog } from "../ingest/index.js";
import type { LogSide } from "../store/store.js";
import { type RawLog, rawLogBuilder } from "./raw-log.js";
import { RawLogCache } from "./raw-log-cache.js";

export interface RawLogSource {
  /** The parsed log; rejects with RawLogUnavailableError when it cannot be fetched now. */
  load(logId: number, url: string, side: LogSide): Promise<RawLog>;
}

export class RawLogUnavailableError extends Error {}

export interface RawLogSourceOptions {
  readonly timeoutMs: number;
  /** The viewer keeps whole logs in memory: bigger ones are refused. */
  readonly maxBytes: number;
  readonly checkUrl: CheckUrl;
  /** Memory for parsed logs across requests. */
  readonly cacheBytes: number;
}

export function createRawLogSource(options: RawLogSourceOptions): RawLogSource {
  const cache = new RawLogCache(options.cacheBytes);
  return {
    load(logId, url, side) {
      return cache.get(`${logId} ${url}`, async () => {
        const builder = rawLogBuilder(side);
        const result = await fetchLog(
          url,
          { timeoutMs: options.timeoutMs, maxBytes: options.maxBytes, checkUrl: options.checkUrl },
          (chunk) => builder.push(chunk),
        );
        if (result.kind === "ok") return builder.finish();
        throw new RawLogUnavailableError(
          describeFailure(result.kind, "reason" in result ? result.reason : undefined),
        );
      });
    },
  };
}

function describeFailure(kind: string, reason: string | undefined): string {
  if (kind === "missing") return "the log is no longer in object storage";
  if (kind === "too_large") return "the log is too large for the raw viewer";
  return `the log could not be fetched${reason === undefined ? "" : `: ${reason}`}`;
}
