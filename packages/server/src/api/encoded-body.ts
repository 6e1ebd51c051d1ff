/**
 * A cached JSON body in the encoding the client asked for, compressed once per cached body instead of
 * once per request: a browser asks every list page with `Accept-Encoding: br`, and brotli was ~0.6 ms
 * of the 0.7 ms a cached page cost (docs/benchmarks.md). Same choices as @fastify/compress (brotli
 * quality 4, gzip's default level, nothing under 1 KB), which skips bodies already encoded here.
 */
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

export type BodyEncoding = "br" | "gzip";

/** Bodies shorter than this are sent as they are (as @fastify/compress's threshold). */
export const MIN_COMPRESSED_BYTES = 1024;

/** The preferred encoding the request accepts (q > 0): brotli, then gzip; undefined for identity. */
export function negotiateEncoding(acceptEncoding: string | undefined): BodyEncoding | undefined {
  if (acceptEncoding === undefined) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name.trim());
  }
  if (accepted.has("br")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return undefined;
}

export interface EncodableBody {
  readonly body: string;
  /** Compressed copies, made on first request. */
  readonly encoded: Map<BodyEncoding, Buffer>;
}

/** The body to send for `encoding`, or undefined when it should go as it is. */
export function encodedBody(response: EncodableBody, encoding: BodyEncoding | undefined): Buffer | undefined {
  if (encoding === undefined || response.body.length < MIN_COMPRESSED_BYTES) return undefined;
  let encoded = response.encoded.get(encoding);
  if (encoded === undefined) {
    encoded = compressBody(response.body, encoding);
    response.encoded.set(encoding, encoded);
  }
  return encoded;
}

/** `body` compressed at once, on this thread (brotli quality 4 or gzip's default level). */
export function compressBody(body: string | Uint8Array, encoding: BodyEncoding): Buffer {
  return encoding === "br"
    ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } })
    : gzipSync(body);
}
