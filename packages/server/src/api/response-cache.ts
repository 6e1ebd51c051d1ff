/**
 * Whole serialized responses, kept for one data generation (store.dataGeneration()). At a million
 * connections a list request costs ~2 ms of CPU even with its count cached (query, serialization, ETag);
 * 50 users scrolling the same fleet ask for the same pages, so a hit is 0.1 ms (docs/benchmarks.md).
 * A new generation empties the cache: entries are never stale. Bounded by bytes, least recently used
 * first out (compressed copies, at most two per entry and smaller than its body, are not counted); and
 * by age, for a write in another process whose generation bump could not be written.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { type EncodableBody, encodedBody, negotiateEncoding } from "./encoded-body.js";
import { weakEtag } from "./etag.js";

export interface CachedResponse extends EncodableBody {
  readonly etag: string;
}

interface Entry extends CachedResponse {
  readonly storedAt: number;
}

export interface ResponseCacheOptions {
  /** Total UTF-16 length of the bodies kept (a list page is ~25 KB: 32 MB holds ~1,300 pages). */
  readonly maxBytes?: number;
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

export class ResponseCache {
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  /** Map order is recency order: a hit moves its entry to the end; eviction takes from the front. */
  readonly #entries = new Map<string, Entry>();
  #generation: string | undefined;
  #bytes = 0;

  constructor(options: ResponseCacheOptions = {}) {
    this.#maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  get(generation: string, key: string): CachedResponse | undefined {
    this.#enter(generation);
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (this.#now() - entry.storedAt > this.#maxAgeMs) {
      this.#bytes -= entry.body.length;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  /** Keeps `body` (serialized JSON) under `key` and returns it with its ETag. */
  set(generation: string, key: string, body: string): CachedResponse {
    const response: CachedResponse = { body, etag: weakEtag(body), encoded: new Map() };
    this.#enter(generation);
    if (body.length > this.#maxBytes) return response;
    const previous = this.#entries.get(key);
    if (previous !== undefined) {
      this.#entries.delete(key);
      this.#bytes -= previous.body.length;
    }
    this.#entries.set(key, { ...response, storedAt: this.#now() });
    this.#bytes += body.length;
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= old.body.length;
    }
    return response;
  }

  get size(): number {
    return this.#entries.size;
  }

  #enter(generation: string): void {
    if (generation === this.#generation) return;
    this.#entries.clear();
    this.#bytes = 0;
    this.#generation = generation;
  }
}

/**
 * Sends a cached JSON body with its tag, revalidated every time (the data changes under ingestion; a
 * 304 saves the body when it did not), compressed as the client accepts (encoded-body.ts). A string is
 * sent as it is, not serialized again.
 */
export function sendCachedJson(
  request: FastifyRequest,
  reply: FastifyReply,
  response: CachedResponse,
): FastifyReply {
  reply
    .header("cache-control", "no-cache")
    .header("etag", response.etag)
    .header("vary", "accept-encoding")
    .type("application/json; charset=utf-8");
  const encoding = negotiateEncoding(request.headers["accept-encoding"]);
  const encoded = encodedBody(response, encoding);
  if (encoded === undefined || encoding === undefined) return reply.send(response.body);
  return reply.header("content-encoding", encoding).send(encoded);
}
