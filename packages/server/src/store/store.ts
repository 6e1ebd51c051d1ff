/**
 * The storage contract between the API, the ingestion pipeline and the databases. One implementation
 * (Kysely) serves SQLite and PostgreSQL; every method is safe to call from several processes at once.
 * Times are epoch milliseconds (UTC) unless named otherwise.
 */
import type { AnyMetricName, LogAnalysis, MetricName, PatternStats } from "@loupe/core";

export type LogSide = "client" | "server";

/** What Loupe knows of a log: see product.md (`not_recorded` is a connection without a URL: no log row). */
export type LogStatus = "pending" | "ok" | "missing" | "unavailable" | "invalid";

/** One manifest row after validation (import/manifest parsing produces these). */
export interface ConnectionInput {
  readonly connectionId: number;
  readonly username: string | null;
  readonly ip: string;
  readonly version: string | null;
  /** `last_updated` as epoch ms (UTC). */
  readonly lastUpdated: number;
  readonly clientUrl: string | null;
  readonly serverUrl: string | null;
}

export interface ImportResult {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Logs newly queued (new URLs, or URLs that changed). */
  readonly logsQueued: number;
}

/** One log's headline numbers, as lists and details show them. */
export interface LogSummary {
  readonly status: LogStatus | "not_recorded";
  readonly url: string | null;
  readonly entries: number | null;
  readonly levels: Readonly<Record<string, number>> | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  /** ERROR (+ FATAL_ERROR) entries as a percentage of entries; null when not ingested or no entries. */
  readonly errorPct: number | null;
  readonly warningPct: number | null;
  readonly lastError: string | null;
}

export interface ConnectionRow {
  readonly connectionId: number;
  readonly username: string | null;
  readonly ip: string;
  readonly version: string | null;
  readonly lastUpdated: number;
  readonly bookmarked: boolean;
  readonly client: LogSummary;
  readonly server: LogSummary;
  /** Median of the client log's latency series, seconds; null without one. */
  readonly medianLatency: number | null;
  /** Session length from the logs (the longer of the two), seconds. */
  readonly durationSeconds: number | null;
}

export type ConnectionSort = "lastUpdated" | "errors" | "medianLatency";

export interface ConnectionQuery {
  /** Case-insensitive substring of the username; `%` and `_` are literal. */
  readonly q?: string;
  readonly version?: string;
  /** Either log has this status. */
  readonly status?: LogStatus | "not_recorded";
  readonly hasErrors?: boolean;
  readonly bookmarked?: boolean;
  /**
   * A fleet error pattern's id (`FleetPattern.patternId`): connections either of whose logs has it, at any
   * level (the id names the masked template, whatever its level), as `connectionsWithPattern` finds them.
   */
  readonly pattern?: string;
  readonly sort?: ConnectionSort;
  readonly order?: "asc" | "desc";
  readonly limit: number;
  /** Opaque keyset cursor from a previous page (stable under inserts); a bad one throws `InvalidCursorError`. */
  readonly cursor?: string;
  /** Whose bookmarks `bookmarked` and `ConnectionRow.bookmarked` refer to; default `DEFAULT_USER_ID`. */
  readonly userId?: string;
}

/** Whose bookmarks open access (no sign-in configured) reads and writes. */
export const DEFAULT_USER_ID = "local";

/** A cursor that this store did not issue, or issued for another sort: the API answers 400. */
export class InvalidCursorError extends Error {
  override readonly name = "InvalidCursorError";
  constructor(reason: string) {
    super(`invalid cursor: ${reason}`);
  }
}

export interface ConnectionPage {
  readonly items: readonly ConnectionRow[];
  readonly nextCursor: string | null;
  readonly total: number;
}

/** A log the queue handed to one worker until `leaseExpiresAt`. */
export interface ClaimedLog {
  readonly logId: number;
  readonly url: string;
  readonly attempts: number;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly leaseToken: string;
  /** After this moment another worker may claim the log; `renewLease` pushes it back. */
  readonly leaseExpiresAt: number;
}

/** The outcome of one fetch + parse, written atomically (all of it or nothing). */
export type IngestOutcome =
  | {
      readonly kind: "parsed";
      readonly analysis: LogAnalysis;
      readonly bytes: number;
      readonly etag: string | null;
      readonly lastModified: string | null;
      readonly parserVersion: number;
    }
  | { readonly kind: "missing"; readonly httpStatus: number }
  | { readonly kind: "unavailable"; readonly error: string; readonly retryAt: number | null };

export interface SeriesColumns {
  readonly t: Float64Array;
  readonly v: Float64Array;
}

export interface IngestStatus {
  readonly total: number;
  readonly done: number;
  readonly pending: number;
  readonly failed: number;
}

export interface Store {
  /** Applies pending migrations (idempotent; safe when several processes start together). */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** True when the database answers and every migration is applied. */
  ready(): Promise<boolean>;

  /**
   * Idempotent upsert by connection_id; a changed log URL queues that log again. Counts are per distinct
   * connection_id (a repeated id in `rows`: the last occurrence wins). `now` stamps `imported_at`.
   */
  importConnections(rows: readonly ConnectionInput[], now?: number): Promise<ImportResult>;
  listConnections(query: ConnectionQuery): Promise<ConnectionPage>;
  /**
   * A token that changes whenever a write (here or in another process) may have changed what reads
   * return; caches key on it (store/kysely/data-generation.ts). Cheap: one tiny query.
   */
  dataGeneration(): Promise<string>;
  /** `userId` decides `bookmarked`; default `DEFAULT_USER_ID`. */
  getConnection(connectionId: number, userId?: string): Promise<ConnectionRow | undefined>;
  /** The log row ids of a connection (undefined side: not recorded). */
  connectionLogs(connectionId: number): Promise<{ client?: number; server?: number } | undefined>;

  /** Claims up to `limit` due logs for `workerId` with a lease; expired leases are claimed again. */
  claimLogs(workerId: string, limit: number, leaseMs: number, now: number): Promise<ClaimedLog[]>;
  /** Extends a lease still held with `leaseToken` to `now + leaseMs`; false when it was lost. */
  renewLease(logId: number, leaseToken: string, leaseMs: number, now: number): Promise<boolean>;
  /** Moves one log to the front of the queue (a user opened its connection). */
  prioritize(logId: number, now: number): Promise<void>;
  /** Writes an outcome if `leaseToken` still holds the lease; returns false (and writes nothing) otherwise. */
  completeLog(logId: number, leaseToken: string, outcome: IngestOutcome, now: number): Promise<boolean>;
  /** Re-queues logs parsed by an older parser version. Returns how many. */
  requeueOutdated(parserVersion: number): Promise<number>;
  /** Queues a log again now (POST /refetch). */
  requeue(logId: number, now: number): Promise<void>;
  ingestStatus(): Promise<IngestStatus>;

  logSeries(logId: number): Promise<Partial<Record<AnyMetricName, SeriesColumns>>>;
  logPatterns(logId: number): Promise<readonly PatternStats[]>;

  /** Stars or un-stars (idempotent); false when the connection does not exist. */
  setBookmark(connectionId: number, userId: string, on: boolean): Promise<boolean>;
}

/** One ingested (`ok`) log's stored summary, joined with its connection: the raw material of fleet insights. */
export interface FleetLogSample {
  readonly connectionId: number;
  readonly username: string | null;
  readonly version: string | null;
  readonly lastUpdated: number;
  readonly side: LogSide;
  readonly entries: number;
  readonly errors: number;
  readonly warnings: number;
  /** Per metric present in the log: its stored statistics. */
  readonly stats: Partial<
    Record<AnyMetricName, { count: number; median: number; p95: number; mean: number }>
  >;
}

export interface FleetPattern {
  readonly patternId: string;
  readonly level: string;
  readonly template: string;
  readonly example: string;
  readonly count: number;
  readonly logs: number;
  readonly connections: number;
  readonly users: number;
  readonly versions: readonly string[];
  /** lastUpdated of the earliest / latest connection whose logs contain it. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** The version of the earliest connection that has it. */
  readonly firstVersion: string | null;
}

/**
 * The samples of one version (null: unknown), aggregated: what per-version comparisons and the fleet's
 * distributions need, without a row per log.
 */
export interface FleetVersionGroup {
  readonly version: string | null;
  /** Earliest and latest `lastUpdated` among its samples. */
  readonly firstSeen: number;
  readonly lastSeen: number;
  /** Distinct connections, samples (one per ingested log and side), and their entries and errors. */
  readonly connections: number;
  readonly logs: number;
  readonly entries: number;
  readonly errors: number;
  /** Per metric: the per-log medians of the samples of the side that writes it, in ascending order. */
  readonly medians: Readonly<Record<MetricName, Float64Array>>;
}

/** One connection of the errors-vs-latency scatter. */
export interface ErrorLatencyPoint {
  readonly connectionId: number;
  readonly username: string | null;
  readonly version: string | null;
  /** ERROR entries of both its ingested logs. */
  readonly errors: number;
  /** Its client log's median latency, seconds. */
  readonly medianLatency: number;
}

/**
 * Errors vs median latency over every connection whose client log has latency, in connection-id order:
 * the two columns whole (for the coefficients), the points themselves only for a bounded sample.
 */
export interface FleetErrorLatency {
  readonly errors: Float64Array;
  readonly latencies: Float64Array;
  /** At most the `maxPoints` asked for, spread over the fleet (see fleet-error-latency.ts); by connection id. */
  readonly points: readonly ErrorLatencyPoint[];
}

export interface InsightsStore {
  /**
   * Every ingested log's sample, one object each: the straightforward definition the aggregated methods
   * below are tested against. O(ingested logs) objects: not for a request at fleet scale.
   */
  fleetSamples(): Promise<readonly FleetLogSample[]>;
  /** fleetSamples grouped by version (the order is unspecified). */
  fleetVersionGroups(): Promise<readonly FleetVersionGroup[]>;
  fleetErrorLatency(maxPoints: number): Promise<FleetErrorLatency>;
  /** Distinct usernames (case-insensitive) across every connection; null usernames count for no one. */
  fleetUsers(): Promise<number>;
  fleetPatterns(limit: number): Promise<readonly FleetPattern[]>;
  /** Connections (with their usernames) whose logs contain the pattern: for "filter the table to it". */
  connectionsWithPattern(patternId: string, limit: number): Promise<readonly number[]>;
}

/** What an API token may do: `read` every /api route, `ingest` the live-ingestion routes. */
export type ApiScope = "read" | "ingest";
export const API_SCOPES: readonly ApiScope[] = ["read", "ingest"];

/** An API token as stored: never the token itself (see auth/tokens.ts). */
export interface ApiTokenRecord {
  readonly id: number;
  readonly name: string;
  readonly scopes: readonly ApiScope[];
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** A signed-in user's session, stored under the hash of the id its cookie carries. */
export interface SessionRecord {
  /** Whose bookmarks: the verified e-mail address, lower-cased. */
  readonly userId: string;
  readonly email: string;
  readonly name: string | null;
  /** Sent back by the page on state-changing requests (auth/csrf.ts). */
  readonly csrfToken: string;
  readonly createdAt: number;
  readonly expiresAt: number;
}

/** API tokens and sessions. Hashes are computed by the caller: the store keeps what it is given. */
export interface AuthStore {
  createApiToken(token: {
    readonly name: string;
    readonly tokenHash: string;
    readonly scopes: readonly ApiScope[];
    readonly now: number;
  }): Promise<ApiTokenRecord>;
  /** Every token, revoked ones included, oldest first. */
  listApiTokens(): Promise<readonly ApiTokenRecord[]>;
  /** The token with this hash, revoked or not (the caller refuses revoked ones). */
  findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  /**
   * Revokes the token (a second revocation keeps the first one's time: `revokedNow` false); undefined
   * when there is no such token.
   */
  revokeApiToken(
    id: number,
    now: number,
  ): Promise<{ record: ApiTokenRecord; revokedNow: boolean } | undefined>;
  markApiTokenUsed(id: number, now: number): Promise<void>;
  /** Stores a new session (and deletes every session expired by `session.createdAt`). */
  createSession(idHash: string, session: SessionRecord): Promise<void>;
  /** The session with this hash unless it expired by `now`. */
  findSession(idHash: string, now: number): Promise<SessionRecord | undefined>;
  deleteSession(idHash: string): Promise<void>;
}
