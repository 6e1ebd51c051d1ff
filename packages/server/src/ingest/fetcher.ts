/**
 * Downloads one log and streams its body into a callback, never holding it whole: a 1 GB log costs a
 * socket buffer. The answer is one FetchResult kind (see fetch-types.ts), so the pipeline maps outcomes
 * without looking at errors. Redirects are followed by hand so that every hop passes `checkUrl`.
 */
import type { IncomingMessage } from "node:http";
import { pipeline, type Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import type { FetchLogOptions, FetchResult, OnChunk } from "./fetch-types.js";
import { CallbackError, discard, HttpExchange } from "./http-exchange.js";
import { parseRetryAfter } from "./retry-delay.js";

export type {
  CheckUrl,
  FetchKind,
  FetchLogOptions,
  FetchResult,
  OnChunk,
  UrlVerdict,
} from "./fetch-types.js";
export { SOURCE_REFUSED } from "./fetch-types.js";
export { parseRetryAfter, retryDelayMs } from "./retry-delay.js";

const DEFAULT_MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** 403: public buckets that do not grant listing answer it for a key that does not exist. */
const MISSING = new Set([403, 404, 410]);
const RETRYABLE_4XX = new Set([408, 425, 429]);

export async function fetchLog(
  url: string,
  options: FetchLogOptions,
  onChunk: OnChunk,
): Promise<FetchResult> {
  options.signal?.throwIfAborted();
  const exchange = new HttpExchange(options);
  try {
    return await follow(url, options, exchange, onChunk);
  } catch (error) {
    return exchange.classify(error);
  } finally {
    exchange.close();
  }
}

async function follow(
  url: string,
  options: FetchLogOptions,
  exchange: HttpExchange,
  onChunk: OnChunk,
): Promise<FetchResult> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = parseHttpUrl(url);
  for (let hop = 0; ; hop++) {
    if (typeof current === "string") return failed(current);
    const verdict = await options.checkUrl(current);
    if (!verdict.allowed) {
      return failed(`${hop === 0 ? "" : "redirect to "}${current.href} refused: ${verdict.reason}`);
    }
    const res = await exchange.request(current, requestHeaders(options), verdict.lookup);
    const status = res.statusCode ?? 0;
    if (!REDIRECTS.has(status)) return await answer(res, current, options, exchange, onChunk);
    discard(res);
    const location = res.headers.location;
    if (location === undefined) return failed(`HTTP ${status} without a Location`, status);
    if (hop >= maxRedirects) return failed(`more than ${maxRedirects} redirects`, status);
    current = parseHttpUrl(location, current);
  }
}

function requestHeaders(options: FetchLogOptions): Record<string, string> {
  const headers: Record<string, string> = { "user-agent": "loupe", "accept-encoding": "gzip, deflate, br" };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  return headers;
}

async function answer(
  res: IncomingMessage,
  url: URL,
  options: FetchLogOptions,
  exchange: HttpExchange,
  onChunk: OnChunk,
): Promise<FetchResult> {
  const status = res.statusCode ?? 0;
  if (status >= 200 && status < 300 && status !== 206)
    return await readBody(res, url, options, exchange, onChunk);
  discard(res);
  if (status === 304 && (options.etag || options.lastModified)) {
    return {
      kind: "not_modified",
      etag: header(res, "etag") ?? options.etag ?? null,
      lastModified: header(res, "last-modified") ?? options.lastModified ?? null,
    };
  }
  if (MISSING.has(status)) return { kind: "missing", status };
  if (status >= 500 || RETRYABLE_4XX.has(status)) {
    const retryAfterMs = parseRetryAfter(res.headers["retry-after"], Date.now());
    const result = { kind: "retryable", reason: `HTTP ${status}`, status } as const;
    return retryAfterMs === undefined ? result : { ...result, retryAfterMs };
  }
  return failed(`HTTP ${status}`, status);
}

async function readBody(
  res: IncomingMessage,
  url: URL,
  options: FetchLogOptions,
  exchange: HttpExchange,
  onChunk: OnChunk,
): Promise<FetchResult> {
  const { maxBytes } = options;
  const encoding = (header(res, "content-encoding") ?? "identity").trim().toLowerCase();
  const declared = header(res, "content-length") === undefined ? null : Number(header(res, "content-length"));
  if (encoding === "identity" && declared !== null && declared > maxBytes) {
    res.destroy();
    return { kind: "too_large", bytes: declared, maxBytes };
  }
  const body = decoded(res, encoding);
  if (body === undefined) {
    res.destroy();
    return failed(`unsupported content-encoding ${encoding}`, res.statusCode);
  }
  exchange.readingFrom(body);
  let bytes = 0;
  const chunks = body[Symbol.asyncIterator]();
  for (;;) {
    exchange.armStall();
    const next = await chunks.next();
    exchange.disarmStall();
    if (next.done) break;
    const chunk = next.value as Buffer;
    if (bytes + chunk.length > maxBytes) {
      body.destroy();
      res.destroy();
      return { kind: "too_large", bytes: bytes + chunk.length, maxBytes };
    }
    bytes += chunk.length;
    try {
      await onChunk(chunk);
    } catch (error) {
      throw new CallbackError(error);
    }
  }
  // Belt and braces: node:http already fails a body that ends before its length or its last chunk.
  if (!res.complete) return { kind: "retryable", reason: "body cut short: the connection closed early" };
  if (encoding === "identity" && declared !== null && declared !== bytes) {
    return { kind: "retryable", reason: `body cut short: ${bytes} of ${declared} bytes` };
  }
  return {
    kind: "ok",
    status: res.statusCode ?? 200,
    bytes,
    etag: header(res, "etag") ?? null,
    lastModified: header(res, "last-modified") ?? null,
    url: url.href,
  };
}

/** The body as the parser must see it. Decoded bytes count against maxBytes, so a zip bomb stops early. */
function decoded(res: IncomingMessage, encoding: string): Readable | undefined {
  const decoder =
    encoding === "gzip" || encoding === "x-gzip"
      ? createGunzip()
      : encoding === "deflate"
        ? createInflate()
        : encoding === "br"
          ? createBrotliDecompress()
          : undefined;
  if (encoding === "identity") return res;
  // pipeline() destroys both streams when either fails, so an error reaches the reader of `decoder`.
  return decoder === undefined ? undefined : pipeline(res, decoder, () => {});
}

function header(res: IncomingMessage, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** An absolute http(s) URL, or why not. */
function parseHttpUrl(text: string, base?: URL): URL | string {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    return `not a URL: ${text}`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return `not an http(s) URL: ${url.href}`;
  return url;
}

function failed(reason: string, status?: number): FetchResult {
  return status === undefined ? { kind: "failed", reason } : { kind: "failed", reason, status };
}
