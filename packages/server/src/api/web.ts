/**
 * What the API serves besides itself: the dashboard's built files (with the single-page fallback: a deep
 * link such as /?q=noah&open=28770 or /c/28770 gets index.html) and raw Node handlers mounted under a
 * prefix (the demo bucket). API and docs paths never fall back to the page: they answer 404 JSON.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { handleNotFound } from "./errors.js";
import { NOT_RATE_LIMITED } from "./rate-limit.js";

/** A raw handler (e.g. `createDemoBucketHandler()`): answers and returns true, or returns false. */
export interface RawMount {
  /** Path prefix the handler owns, e.g. `/demo-bucket/`. */
  readonly prefix: string;
  readonly handle: (req: IncomingMessage, res: ServerResponse) => boolean;
}

const NEVER_THE_PAGE = ["/api/", "/api", "/auth", "/docs", "/metrics", "/healthz", "/readyz"];

export function registerMounts(app: FastifyInstance, mounts: readonly RawMount[]): void {
  for (const mount of mounts) {
    const base = mount.prefix.endsWith("/") ? mount.prefix : `${mount.prefix}/`;
    app.route({
      method: ["GET", "HEAD"],
      url: `${base}*`,
      // Not part of the API: left out of the OpenAPI document, and not rate limited (the demo bucket is
      // read by this process's own ingestion, thousands of times a minute).
      schema: { hide: true },
      config: NOT_RATE_LIMITED,
      exposeHeadRoute: false,
      handler: (request, reply) => {
        // The raw handler writes the response itself; Fastify must not touch it afterwards.
        reply.hijack();
        if (!mount.handle(request.raw, reply.raw)) {
          reply.raw.statusCode = 404;
          reply.raw.setHeader("content-type", "application/json; charset=utf-8");
          reply.raw.end(JSON.stringify({ error: "not_found", message: "No such object" }));
        }
      },
    });
  }
}

/** Serves the built web app from `root` (Vite's dist: index.html and hashed files under assets/). */
export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  await app.register(fastifyStatic, {
    root,
    index: ["index.html"],
    setHeaders(reply, path) {
      // Hashed file names change with their content: cache them for good; index.html must be revalidated.
      const immutable = /[\\/]assets[\\/]/.test(path);
      reply.header("cache-control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
}

/** The not-found handler when the web app is served: page routes get index.html, the rest 404 JSON. */
export function pageFallback(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split("?")[0] ?? "";
  const wantsPage =
    (request.method === "GET" || request.method === "HEAD") &&
    !NEVER_THE_PAGE.some(
      (prefix) => path === prefix || path.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`),
    ) &&
    // A missing file such as /favicon.png or /assets/x.js is a 404, not a page.
    !/\.[A-Za-z0-9]+$/.test(path);
  if (!wantsPage) return handleNotFound(request, reply);
  return reply.header("cache-control", "no-cache").sendFile("index.html");
}
