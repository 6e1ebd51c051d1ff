/**
 * Weak ETags from a hash of the serialized body, for routes that opt in with `config: { etag: true }`,
 * and 304 Not Modified when the client already has that body. Runs before compression (compress hooks
 * are per route, after these), so the tag names the content, whatever the encoding.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyContextConfig {
    /** Tag 200 responses with a weak ETag and answer If-None-Match with 304. */
    etag?: boolean;
  }
}

export function weakEtag(body: string | Uint8Array): string {
  return `W/"${createHash("sha1").update(body).digest("base64url")}"`;
}

/** If-None-Match matches when it lists the tag (weak comparison: W/ ignored) or is `*`. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = stripWeak(etag);
  return header.split(",").some((candidate) => {
    const tag = candidate.trim();
    return tag === "*" || stripWeak(tag) === bare;
  });
}

function stripWeak(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode !== 200 || request.routeOptions.config.etag !== true) return payload;
  if (typeof payload !== "string" && !(payload instanceof Uint8Array)) return payload;
  // A route that serves a cached body set its tag already (response-cache.ts): no need to hash again.
  const known = reply.getHeader("etag");
  const etag = typeof known === "string" ? known : weakEtag(payload);
  reply.header("etag", etag);
  if (!matchesIfNoneMatch(request.headers["if-none-match"], etag)) return payload;
  reply.code(304);
  reply.removeHeader("content-length");
  return "";
}

export const etagPlugin = fp(
  async (app) => {
    app.addHook("onSend", onSend);
  },
  { name: "loupe-etag" },
);
