/**
 * Requests per client per minute (`loupe serve --rate-limit`, docs/deploy.md "Limits"), with
 * @fastify/rate-limit: every route counts except health checks, metrics and the process's own mounts
 * (the demo bucket, which its own ingestion reads thousands of times a minute), which opt out with
 * `NOT_RATE_LIMITED`. Over the limit: 429 with the API's error shape and Retry-After.
 *
 * The count lives in each process's memory: behind a load balancer spreading clients over N API
 * processes, a client may send up to N times the limit. That is fine for what it is for — one client
 * (a runaway script, a stuck tab) must not starve the others — and needs no shared store.
 */
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "./errors.js";

export interface RateLimitOptions {
  /** Requests per client per minute; 0 turns limiting off. */
  readonly perMinute: number;
  /**
   * Who "a client" is. Default: its IP address, an IPv6 one by its /64 (the proxy's X-Forwarded-For when
   * the proxy is trusted, `--trust-proxy`). Sign-in can key by token or user here instead (and run the limit after it by
   * passing `hook: "preHandler"` through this module), so colleagues behind one NAT do not share a budget.
   */
  readonly key?: (request: FastifyRequest) => string;
}

/** Route config of the routes that are never limited. */
export const NOT_RATE_LIMITED = { rateLimit: false } as const;

/** Must be registered before the routes it limits (it attaches itself to each route as it is added). */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  if (options.perMinute === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    // The plugin's own default counts an IPv6 client by its /64, so it cannot dodge by rotating addresses.
    ...(options.key === undefined ? {} : { keyGenerator: options.key }),
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        "rate_limited",
        `More than ${context.max} requests in a minute from this client; try again in ${context.after}`,
      ),
  });
}
