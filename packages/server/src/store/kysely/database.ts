/**
 * Row types of the tables as Kysely sees them (see migrations/001-initial.ts). Times are epoch ms; JSON
 * columns are text so both dialects store and return the same thing.
 */
import type { Generated, Kysely } from "kysely";
import type { LogStatus } from "../store.js";
import type { LocalWrites } from "./data-generation.js";

export type DialectName = "sqlite" | "postgres";

/** A connection's columns as the manifest gives them (import writes exactly these). */
export interface ImportedConnectionColumns {
  readonly connection_id: number;
  readonly username: string | null;
  /** `username` lower-cased in JavaScript, so search folds case the same way on both databases. */
  readonly username_lower: string | null;
  readonly ip: string;
  readonly version: string | null;
  readonly last_updated: number;
  readonly client_log_id: number | null;
  readonly server_log_id: number | null;
  readonly imported_at: number;
}

export interface ConnectionsTable extends ImportedConnectionColumns {
  /** Copies kept by triggers (migrations/003-list-columns.ts) for the list's sorts and filters. */
  readonly errors: Generated<number>;
  readonly median_latency: number | null;
  readonly client_status: LogStatus | null;
  readonly server_status: LogStatus | null;
}

export interface LogsTable {
  readonly id: Generated<number>;
  readonly url: string;
  readonly status: LogStatus;
  readonly etag: string | null;
  readonly last_modified: string | null;
  readonly bytes: number | null;
  readonly parser_version: number | null;
  readonly attempts: Generated<number>;
  readonly last_error: string | null;
  readonly http_status: number | null;
  readonly next_attempt_at: number;
  readonly priority: Generated<number>;
  readonly lease_owner: string | null;
  readonly lease_token: string | null;
  readonly lease_expires_at: number | null;
  readonly entries: number | null;
  /** JSON object: level → count. */
  readonly levels: string | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly continuation_lines: number | null;
  readonly unparsed_lines: number | null;
  readonly invalid_values: number | null;
  readonly first_time: number | null;
  readonly last_time: number | null;
  readonly duration_seconds: number | null;
  /** JSON object: metric → SeriesStats | null. */
  readonly stats: string | null;
  /** stats.latency.median, copied out so the list can sort on it without parsing JSON. */
  readonly median_latency: number | null;
  readonly ingested_at: number | null;
}

export interface LogSeriesTable {
  readonly log_id: number;
  readonly metric: string;
  readonly point_count: number;
  /** series-codec.ts: little-endian Float64 times, then values. */
  readonly data: Uint8Array;
}

export interface LogPatternsTable {
  readonly log_id: number;
  readonly pattern_id: string;
  readonly level: string;
  readonly template: string;
  readonly example: string;
  readonly count: number;
  readonly first_time: number | null;
  readonly last_time: number | null;
}

/**
 * Migration 005: one row per connection with an `ok` log, kept by triggers. Per side: null entries and
 * errors when that side's log is not ok; each metric is the median of the log of the side that writes it.
 */
export interface FleetSamplesTable {
  readonly connection_id: number;
  readonly version: string | null;
  readonly last_updated: number;
  readonly client_entries: number | null;
  readonly client_errors: number | null;
  readonly server_entries: number | null;
  readonly server_errors: number | null;
  readonly latency: number | null;
  readonly decode_time: number | null;
  readonly encode_time: number | null;
  readonly encode_size: number | null;
}

/** Migration 005: each distinct username_lower with its number of connections, kept by triggers. */
export interface FleetUsernamesTable {
  readonly username_lower: string;
  readonly connections: number;
}

/** Migration 005: log_patterns × the connections pointing at each log, kept by triggers. */
export interface FleetPatternHitsTable {
  readonly pattern_id: string;
  readonly level: string;
  readonly connection_id: number;
  readonly side: "client" | "server";
  readonly log_id: number;
  readonly count: number;
  readonly example: string;
  readonly template: string;
  readonly username_lower: string | null;
  readonly version: string | null;
  readonly last_updated: number;
}

/** Migration 005: per (pattern, level) totals over the hits, kept by triggers. */
export interface FleetPatternsTable {
  readonly pattern_id: string;
  readonly level: string;
  readonly template: string;
  readonly count: number;
  readonly logs: number;
  readonly connections: number;
  readonly users: number;
}

export interface BookmarksTable {
  readonly connection_id: number;
  readonly user_id: string;
  readonly created_at: number;
}

export interface ApiTokensTable {
  readonly id: Generated<number>;
  readonly name: string;
  readonly token_hash: string;
  /** Space-separated scopes. */
  readonly scopes: string;
  readonly created_at: number;
  readonly last_used_at: number | null;
  readonly revoked_at: number | null;
}

export interface SessionsTable {
  readonly id_hash: string;
  readonly user_id: string;
  readonly email: string;
  readonly name: string | null;
  readonly csrf_token: string;
  readonly created_at: number;
  readonly expires_at: number;
}

export interface Database {
  readonly connections: ConnectionsTable;
  readonly logs: LogsTable;
  readonly log_series: LogSeriesTable;
  readonly log_patterns: LogPatternsTable;
  readonly bookmarks: BookmarksTable;
  readonly api_tokens: ApiTokensTable;
  readonly sessions: SessionsTable;
  readonly fleet_samples: FleetSamplesTable;
  readonly fleet_usernames: FleetUsernamesTable;
  readonly fleet_pattern_hits: FleetPatternHitsTable;
  readonly fleet_patterns: FleetPatternsTable;
}

/** The handle every query module takes: the database and which dialect answers. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Shared by every store of this process on the same SQLite file (data-generation.ts). */
  readonly localWrites: LocalWrites;
  /** Gives the connection(s) back; the store is unusable afterwards. */
  readonly release: () => Promise<void>;
}
