/**
 * `loupe serve` configuration: parsed once, from flags with environment variables as fallbacks, validated,
 * and refused with one clear message when wrong. Everything else reads the resulting frozen object.
 */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import type { AuthSettings } from "../auth/settings.js";
import type { DatabaseConfig } from "../store/open-store.js";
import { AUTH_OPTIONS, parseAuthConfig, SIGN_IN_SETTINGS } from "./auth-config.js";
import { ConfigError, type Env, isLoopback } from "./values.js";

export { ConfigError, type Env, isLoopback };

/** What one `loupe serve` process does: everything, only the API, or only ingestion (docs/deploy.md). */
export type ServeRole = "all" | "api" | "worker";
export const SERVE_ROLES: readonly ServeRole[] = ["all", "api", "worker"];

export interface ServeConfig extends DatabaseConfig {
  readonly role: ServeRole;
  /** Manifest path or http(s) URL; undefined: the built-in demo fleet. */
  readonly manifest: string | undefined;
  readonly host: string;
  readonly port: number;
  /** URL prefixes (or hosts) that logs may also be fetched from, beyond the manifest's own hosts. */
  readonly allowSources: readonly string[];
  /** Size of the demo fleet when no manifest is given. */
  readonly demoCount: number;
  readonly ingestConcurrency: number;
  readonly fetchTimeoutMs: number;
  readonly maxLogBytes: number;
  /**
   * How long a claimed log stays reserved for the process that claimed it; a crashed process's logs are
   * claimed again after this. Must exceed the slowest acceptable download (default 10 min ≈ 1 GB at 2 MB/s).
   */
  readonly leaseMs: number;
  /**
   * Object-storage prefix that uploaded log bodies are PUT under (PUT /api/connections/:id/logs/:side);
   * undefined: uploads are not offered. Also an allowed log source.
   */
  readonly uploadTo: string | undefined;
  /** Authorization header for those PUTs (a bucket token), from LOUPE_UPLOAD_AUTHORIZATION only. */
  readonly uploadAuthorization: string | undefined;
  /** Requests per client per minute; 0: no limit. */
  readonly rateLimit: number;
  /** Reverse proxies (addresses, CIDRs, or loopback/linklocal/uniquelocal) whose X-Forwarded-For is believed. */
  readonly trustProxy: readonly string[];
  /** OpenID Connect sign-in, API tokens and sessions; undefined: open access (loopback only). */
  readonly auth: AuthSettings | undefined;
}

export const DEFAULT_DB = "./data/loupe.db";

export const SERVE_HELP = `usage: loupe serve [options]

Serves the dashboard and its API, and ingests the manifest's logs in the background.

  --role all|api|worker    all: API, dashboard and ingestion in one process (default); api: API and
                           dashboard only (stateless; several may share one database); worker:
                           ingestion only, with health checks and metrics on --port (env LOUPE_ROLE)
  --manifest PATH_OR_URL   connections to import: JSON array, NDJSON or the old logs.py literal
                           (env LOUPE_MANIFEST; default for --role all: the built-in demo fleet and
                           demo bucket; api: none, it serves what the database holds)
  --db PATH                SQLite database file (env LOUPE_DB; default ./data/loupe.db)
  --database-url URL       PostgreSQL instead of SQLite, postgres://… (env LOUPE_DATABASE_URL)
  --host ADDRESS           address to listen on (env LOUPE_HOST; default 127.0.0.1)
  --port N                 port to listen on (env LOUPE_PORT; default 8080)
  --allow-source PREFIX    also fetch logs from URLs starting with PREFIX; repeatable
                           (env LOUPE_ALLOW_SOURCES, comma-separated). A worker fetches only from
                           these: it does not read the manifest whose hosts the other roles trust.
                           Any other URL is refused, also after a redirect; a host name allowed
                           here may not resolve to a link-local or metadata address (169.254.169.254)
  --demo-count N           connections in the demo fleet (env LOUPE_DEMO_COUNT; default 3000)
  --ingest-concurrency N   logs fetched at once (env LOUPE_INGEST_CONCURRENCY; default 8)
  --fetch-timeout-ms N     per-request timeout (env LOUPE_FETCH_TIMEOUT_MS; default 30000)
  --max-log-bytes N        larger logs are refused (env LOUPE_MAX_LOG_BYTES; default 2147483648)
  --lease-ms N             how long a log being ingested stays reserved for this process; after a crash
                           its logs are fetched again once this has passed; fetch and parse must finish
                           within it (env LOUPE_LEASE_MS; default 600000, 10 minutes)
  --upload-to PREFIX       accept uploaded log bodies (PUT /api/connections/ID/logs/SIDE) and store
                           them in object storage under this http(s) URL prefix, ending in "/", with
                           PUT (env LOUPE_UPLOAD_TO; LOUPE_UPLOAD_AUTHORIZATION: the Authorization
                           header to send, e.g. a bucket token). Capped by --max-log-bytes
  --rate-limit N           requests per client (IP address) per minute, health checks and metrics
                           excepted; over it, 429 with Retry-After; 0: no limit
                           (env LOUPE_RATE_LIMIT; default 1200)
  --trust-proxy LIST       reverse proxies whose X-Forwarded-For names the client, for the rate limit
                           and the logs: addresses, CIDRs or loopback, comma-separated
                           (env LOUPE_TRUST_PROXY; default none: the peer address is the client)
  -h, --help               this text

Sign-in (OpenID Connect; all of these, or none):
  --oidc-issuer URL        the identity provider's issuer, e.g. https://accounts.google.com
                           (env LOUPE_OIDC_ISSUER)
  --oidc-client-id ID      Loupe's client id at the provider (env LOUPE_OIDC_CLIENT_ID); its secret in
                           env LOUPE_OIDC_CLIENT_SECRET only (command lines are visible to other users)
  --oidc-allowed-domain D  verified e-mail addresses of this domain may sign in; repeatable
                           (env LOUPE_OIDC_ALLOWED_DOMAINS, comma-separated)
  --public-url URL         where users reach Loupe, e.g. https://loupe.example.com; register
                           URL/auth/callback as the redirect URI at the provider (env LOUPE_PUBLIC_URL)
  env LOUPE_SESSION_SECRET signs the cookies: at least 32 bytes (openssl rand -base64 48), the same
                           for every API process of one deployment

With sign-in configured, every /api route, /docs and /metrics need a signed-in user or an API token
(loupe token --help), and Loupe may listen on any address. Without it, Loupe listens only on loopback
addresses and the page says "open access".
`;

export function parseServeConfig(args: readonly string[], env: Env = process.env): ServeConfig {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}\n\n${SERVE_HELP}`);
  }
  const v = parsed.values;
  const roleText = v.role ?? env.LOUPE_ROLE ?? "all";
  const role = SERVE_ROLES.find((r) => r === roleText);
  if (role === undefined) throw new ConfigError(`--role must be all, api or worker, got '${roleText}'`);
  const host = v.host ?? env.LOUPE_HOST ?? "127.0.0.1";
  const auth = parseAuthConfig(v, env);
  if (auth === undefined && !isLoopback(host)) {
    throw new ConfigError(
      `refusing to listen on ${host} without sign-in: anyone who can reach it could read every log. ` +
        `Configure OpenID Connect sign-in (${SIGN_IN_SETTINGS}), or listen on loopback only ` +
        '(--host 127.0.0.1 or ::1; the page then says "open access").',
    );
  }
  const allowSources = [
    ...(v["allow-source"] ?? []),
    ...(env.LOUPE_ALLOW_SOURCES ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  ];
  for (const prefix of allowSources) {
    if (!/^https?:\/\/[^/]+/i.test(prefix))
      throw new ConfigError(`--allow-source ${prefix}: expected an http(s) URL prefix`);
  }
  const uploadTo = v["upload-to"] ?? env.LOUPE_UPLOAD_TO;
  if (uploadTo !== undefined) {
    if (!/^https?:\/\/[^/]+\/(.*\/)?$/i.test(uploadTo))
      throw new ConfigError(`--upload-to ${uploadTo}: expected an http(s) URL prefix ending in "/"`);
    // Uploaded logs are fetched back from there like any other log.
    allowSources.push(uploadTo);
  }
  const manifest = v.manifest ?? env.LOUPE_MANIFEST;
  if (role === "worker" && manifest !== undefined) {
    throw new ConfigError(
      "a worker does not import manifests: it ingests what api (or all) processes imported; " +
        "give --manifest to one of those",
    );
  }
  if (role === "worker" && allowSources.length === 0) {
    throw new ConfigError(
      "a worker needs --allow-source: it fetches logs only from those prefixes (it never reads the " +
        "manifest whose hosts the api processes trust), and would otherwise refuse every log",
    );
  }
  return Object.freeze({
    role,
    manifest,
    ...databaseConfig(v, env),
    host,
    port: integer("port", v.port ?? env.LOUPE_PORT, 8080, 0, 65_535),
    allowSources: Object.freeze(allowSources),
    demoCount: integer("demo-count", v["demo-count"] ?? env.LOUPE_DEMO_COUNT, 3000, 1, 1_000_000),
    ingestConcurrency: integer(
      "ingest-concurrency",
      v["ingest-concurrency"] ?? env.LOUPE_INGEST_CONCURRENCY,
      8,
      1,
      256,
    ),
    fetchTimeoutMs: integer(
      "fetch-timeout-ms",
      v["fetch-timeout-ms"] ?? env.LOUPE_FETCH_TIMEOUT_MS,
      30_000,
      100,
      3_600_000,
    ),
    maxLogBytes: integer(
      "max-log-bytes",
      v["max-log-bytes"] ?? env.LOUPE_MAX_LOG_BYTES,
      2 ** 31,
      1024,
      2 ** 40,
    ),
    leaseMs: integer("lease-ms", v["lease-ms"] ?? env.LOUPE_LEASE_MS, 600_000, 1000, 86_400_000),
    uploadTo,
    uploadAuthorization: env.LOUPE_UPLOAD_AUTHORIZATION || undefined,
    rateLimit: integer(
      "rate-limit",
      v["rate-limit"] ?? env.LOUPE_RATE_LIMIT,
      DEFAULT_RATE_LIMIT,
      0,
      1_000_000,
    ),
    trustProxy: Object.freeze(trustProxy(v["trust-proxy"] ?? env.LOUPE_TRUST_PROXY)),
    auth,
  });
}

/** `--db` / `--database-url` with their environment fallbacks: `loupe serve`, `ingest` and `token` share them. */
export function databaseConfig(
  values: { readonly db?: string | undefined; readonly "database-url"?: string | undefined },
  env: Env = process.env,
): DatabaseConfig {
  const databaseUrl = values["database-url"] ?? env.LOUPE_DATABASE_URL;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new ConfigError(`--database-url must be a postgres:// URL, got '${databaseUrl}'`);
  }
  return { db: values.db ?? env.LOUPE_DB ?? DEFAULT_DB, databaseUrl };
}

export const wantsHelp = (args: readonly string[]): boolean => args.includes("--help") || args.includes("-h");

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      role: { type: "string" },
      manifest: { type: "string" },
      db: { type: "string" },
      "database-url": { type: "string" },
      host: { type: "string" },
      port: { type: "string" },
      "allow-source": { type: "string", multiple: true },
      "demo-count": { type: "string" },
      "ingest-concurrency": { type: "string" },
      "fetch-timeout-ms": { type: "string" },
      "max-log-bytes": { type: "string" },
      "lease-ms": { type: "string" },
      "upload-to": { type: "string" },
      "rate-limit": { type: "string" },
      "trust-proxy": { type: "string" },
      ...AUTH_OPTIONS,
      help: { type: "boolean", short: "h" },
    },
  });
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(`--${name} must be an integer from ${min} to ${max}, got '${raw}'`);
  }
  return n;
}

/**
 * Requests per client per minute. The dashboard's own use stays far below (measured, docs/deploy.md
 * "Limits"): loading the page sends 18 requests, and a minute of use faster than any person's (typing
 * searches, scrolling, opening a connection every half second) 425; a script looping over the API
 * meets the limit within seconds.
 */
const DEFAULT_RATE_LIMIT = 1200;

/** Proxy addresses as Fastify's trustProxy takes them, each checked so a typo fails at start. */
function trustProxy(raw: string | undefined): string[] {
  const entries = (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split("/");
    const named = ["loopback", "linklocal", "uniquelocal"].includes(entry);
    const prefixOk =
      bits === undefined ||
      (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(address ?? "") === 6 ? 128 : 32));
    if (!named && (isIP(address ?? "") === 0 || !prefixOk || extra !== undefined)) {
      throw new ConfigError(
        `--trust-proxy ${entry}: expected an IP address, a CIDR (10.0.0.0/8) or loopback, linklocal, uniquelocal`,
      );
    }
  }
  return entries;
}
