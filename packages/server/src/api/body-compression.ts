/**
 * Compresses whole bodies (strings and buffers: every JSON response) at once on the main thread, instead of
 * through @fastify/compress's streams, which hand each 16 KB chunk to the libuv pool and wake the event
 * loop again when it is done: three to four extra wake-ups for a 45 KB series response. The CPU spent
 * compressing is the same; without the hand-offs an API process spends 4–5% less CPU per request of the
 * dashboard's mix (docs/benchmarks.md). Streams (the dashboard's files) and bodies over 1 MB stay with
 * @fastify/compress, which skips a reply that already has a Content-Encoding. Runs after the ETag hook
 * (registered after it): the tag names the content, whatever the encoding.
 */
import type { FastifyCompressOptions } from "@fastify/compress";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { compressBody, MIN_COMPRESSED_BYTES, negotiateEncoding } from "./encoded-body.js";

/** @fastify/compress's options, for what is left to it: the same threshold, brotli first. */
export const STREAM_COMPRESSION: FastifyCompressOptions = {
  global: true,
  threshold: MIN_COMPRESSED_BYTES,
  encodings: ["br", "gzip", "deflate"],
};

/** Larger bodies go to the streams: compressing a megabyte at once would hold up every other request. */
const MAX_BYTES = 1024 * 1024;

/** Types worth compressing (JSON, text, JavaScript, SVG); images and archives are compressed already. */
const COMPRESSIBLE = /^(?:text\/|application\/(?:[\w.+-]*\+)?json|application\/javascript|image\/svg\+xml)/i;

async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (typeof payload !== "string" && !(payload instanceof Uint8Array)) return payload;
  if (payload.length < MIN_COMPRESSED_BYTES || payload.length > MAX_BYTES) return payload;
  // A 204 or 304 has no body, so the size check above has already let it through.
  if (reply.hasHeader("content-encoding")) return payload;
  const type = reply.getHeader("content-type");
  if (typeof type !== "string" || !COMPRESSIBLE.test(type)) return payload;
  reply.header("vary", withAcceptEncoding(reply.getHeader("vary")));
  const encoding = negotiateEncoding(request.headers["accept-encoding"]);
  if (encoding === undefined) return payload;
  reply.removeHeader("content-length");
  reply.header("content-encoding", encoding);
  return compressBody(payload, encoding);
}

function withAcceptEncoding(vary: ReturnType<FastifyReply["getHeader"]>): string {
  const current = Array.isArray(vary) ? vary.join(", ") : typeof vary === "string" ? vary : "";
  if (/(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i.test(current)) return current;
  return current === "" ? "accept-encoding" : `${current}, accept-encoding`;
}

export const bodyCompressionPlugin = fp(
  async (app) => {
    app.addHook("onSend", onSend);
  },
  { name: "loupe-body-compression", dependencies: ["loupe-etag"] },
);
