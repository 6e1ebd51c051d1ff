/** The fetcher's options and results. Every way a log download can end is one `kind`. */
import type { LookupFunction } from "node:net";

export type FetchResult =
  /** The whole body went to onChunk. `bytes` counts decoded bytes (after gzip/br), as the parser sees them. */
  | {
      readonly kind: "ok";
      readonly status: number;
      readonly bytes: number;
      readonly etag: string | null;
      readonly lastModified: string | null;
      /** Where the body came from, after redirects. */
      readonly url: string;
    }
  /** 304 to a conditional request: the caller's copy is current. Nothing went to onChunk. */
  | { readonly kind: "not_modified"; readonly etag: string | null; readonly lastModified: string | null }
  /** 404, 410, or 403 (object stores answer 403 for a missing key when listing is not granted). */
  | { readonly kind: "missing"; readonly status: number }
  /** Worth trying again later: timeouts, connection errors, a body cut short, 5xx, 408, 425, 429. */
  | {
      readonly kind: "retryable";
      readonly reason: string;
      readonly status?: number;
      /** From Retry-After, when the server sent one. */
      readonly retryAfterMs?: number;
    }
  /** Over maxBytes (declared, or counted while reading; reading stopped there). */
  | { readonly kind: "too_large"; readonly bytes: number; readonly maxBytes: number }
  /** Will not get better by retrying: other 4xx, a refused URL or redirect, too many redirects. */
  | { readonly kind: "failed"; readonly reason: string; readonly status?: number };

export type FetchKind = FetchResult["kind"];

/**
 * What the source rules (sources/source-allowlist.ts) say of one URL, before anything is contacted:
 * refused (and why), or allowed, connecting through `lookup` when given, which vets every address the
 * host resolves to and fails with code SOURCE_REFUSED for one it may not reach.
 */
export type UrlVerdict =
  | { readonly allowed: false; readonly reason: string }
  | { readonly allowed: true; readonly lookup?: LookupFunction };

/** The SSRF rules: called for the first URL and every redirect target, before it is requested. */
export type CheckUrl = (url: URL) => UrlVerdict | Promise<UrlVerdict>;

/** The error code of a lookup that refuses an address: the download fails for good, not retried. */
export const SOURCE_REFUSED = "ERR_LOUPE_SOURCE_REFUSED";

export interface FetchLogOptions {
  /** Longest wait for response headers (connect included), and longest silence between body chunks. */
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** Cap on the whole exchange, all redirects and the body included. Default: none. */
  readonly deadlineMs?: number;
  /** Validators of the copy the caller holds: sent as If-None-Match / If-Modified-Since. */
  readonly etag?: string | null;
  readonly lastModified?: string | null;
  /** Aborting makes fetchLog reject with the signal's reason (nothing to record: the caller gave up). */
  readonly signal?: AbortSignal;
  /** Where logs may come from; required, so that no download can skip the rules. */
  readonly checkUrl: CheckUrl;
  /** Default 5. */
  readonly maxRedirects?: number;
}

/** Receives the body in order; fetchLog waits for a returned promise before reading on (backpressure). */
export type OnChunk = (chunk: Uint8Array) => void | Promise<void>;
