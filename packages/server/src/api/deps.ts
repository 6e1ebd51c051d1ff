/** What the API is given: the store, and (when ingestion runs in this process) a handle on the pipeline. */
import type { FastifyBaseLogger } from "fastify";
import type { AuthSettings } from "../auth/settings.js";
import type { CheckUrl } from "../ingest/index.js";
import type { RawLogSource } from "../raw-logs/raw-log-source.js";
import type { AuthStore, InsightsStore, Store } from "../store/store.js";
import type { RateLimitOptions } from "./rate-limit.js";
import type { UploadSettings } from "./routes/upload-log.js";
import type { ServerLimits } from "./server-limits.js";
import type { RawMount } from "./web.js";

export interface IngestControl {
  /** Fetch this log at once, ahead of the queue (a user is looking at its connection). */
  prioritize(logId: number): Promise<void>;
  /** Queue this log again now. */
  requeue(logId: number): Promise<void>;
  /** Monotonic pipeline counters (fetched, parsed, retried, ...) exported at /metrics. */
  counters?: () => Record<string, number>;
}

export interface ApiDeps {
  readonly store: Store & InsightsStore & AuthStore;
  readonly ingest?: IngestControl;
  /** Reads raw logs from object storage for the viewer; without it, /logs answers 503. */
  readonly rawLogs?: RawLogSource;
  /** true: Fastify's request logging (pino, JSON lines to stdout); or a logger of one's own. Default off. */
  readonly logger?: boolean | FastifyBaseLogger;
  /**
   * Sign-in and API tokens. Without: open access (config.ts allows that on loopback only), and
   * GET /api/info tells the page so.
   */
  readonly auth?: AuthSettings;
  /** Directory of the built web app (index.html, assets/); served at / with a single-page fallback. */
  readonly webRoot?: string;
  /** Raw Node handlers mounted under a prefix, e.g. the demo bucket at /demo-bucket/. */
  readonly mounts?: readonly RawMount[];
  /**
   * false while the process is still starting (importing its manifest, warming up): /readyz answers 503
   * until then, so a load balancer or a benchmark waits. Default: started.
   */
  readonly started?: () => boolean;
  /**
   * The log-source allowlist for URLs that arrive through the API (POST /api/connections); without it,
   * that route is not offered.
   */
  readonly checkSourceUrl?: CheckUrl;
  /** Where uploaded log bodies go (--upload-to); without it, uploads are not offered. */
  readonly uploads?: UploadSettings;
  /** Requests per client per minute (rate-limit.ts). Default: no limit. */
  readonly rateLimit?: RateLimitOptions;
  /** Addresses (or CIDRs, or "loopback") of reverse proxies whose X-Forwarded-For is believed. */
  readonly trustProxy?: readonly string[];
  /** Timeouts and the body limit; default SERVER_LIMITS (tests shorten them). */
  readonly limits?: ServerLimits;
}

/** The part of the deps the /api routes use. */
export interface RouteDeps {
  readonly store: Store & InsightsStore;
  readonly ingest?: IngestControl;
  readonly rawLogs?: RawLogSource;
}
