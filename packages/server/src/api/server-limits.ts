/**
 * How long a client may take and how much it may send (docs/deploy.md, "Limits"). One home for the
 * numbers, used by every HTTP server `loupe serve` starts (the API, and a worker's health port).
 *
 * Node's and Fastify's defaults leave a slowloris client free to hold a connection: Fastify turns
 * requestTimeout off (0), headersTimeout is 60 s and only checked every 30 s, and no socket ever times
 * out. Here:
 * - headers must arrive within 10 s, and the whole request (a body included) within 30 s; Node checks
 *   every second, so a slow client is cut off at most a second late (with a 408);
 * - a socket silent both ways for 2 minutes is closed: a client that stopped reading, or a stream
 *   (server-sent events) that sends no heartbeat;
 * - an idle keep-alive connection stays open 72 s, longer than nginx's and cloud load balancers'
 *   60 s upstream idle timeout, so the proxy always closes first and never reuses a closing connection;
 * - no request body is read beyond 64 KB: the API's bodies are small JSON, parsed in memory. A route
 *   that takes a large body (log uploads) must stream it under its own cap, with its own bodyLimit and
 *   a longer requestTimeout of its own, rather than raise these for every route.
 */
import type { FastifyServerOptions } from "fastify";

export interface ServerLimits {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly socketIdleTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  /** How often Node looks for requests over headersTimeoutMs or requestTimeoutMs. */
  readonly timeoutCheckEveryMs: number;
  readonly bodyLimitBytes: number;
}

export const SERVER_LIMITS: ServerLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  socketIdleTimeoutMs: 120_000,
  keepAliveTimeoutMs: 72_000,
  timeoutCheckEveryMs: 1_000,
  bodyLimitBytes: 64 * 1024,
});

/** The Fastify options that apply `limits` (tests pass shorter ones). */
export function serverLimitOptions(limits: ServerLimits = SERVER_LIMITS): Pick<
  FastifyServerOptions,
  "bodyLimit" | "connectionTimeout" | "keepAliveTimeout" | "requestTimeout"
> & {
  readonly http: { readonly headersTimeout: number; readonly connectionsCheckingInterval: number };
} {
  return {
    bodyLimit: limits.bodyLimitBytes,
    connectionTimeout: limits.socketIdleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Passed to http.createServer: Fastify has no option of its own for these two.
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: limits.timeoutCheckEveryMs,
    },
  };
}
