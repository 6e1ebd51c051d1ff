/**
 * The query shape behind every ConnectionRow (a connection joined with its two log rows) and the mapping
 * from its flat result to the contract's shape. Used by the list and by getConnection.
 */
import { type InferResult, type Kysely, sql } from "kysely";
import type { ConnectionRow, LogStatus, LogSummary } from "../store.js";
import type { Database } from "./database.js";

export function joinedConnections(db: Kysely<Database>) {
  return db
    .selectFrom("connections as c")
    .leftJoin("logs as cl", "cl.id", "c.client_log_id")
    .leftJoin("logs as sl", "sl.id", "c.server_log_id");
}

type JoinedConnections = ReturnType<typeof joinedConnections>;

export function selectConnectionRow(query: JoinedConnections, userId: string) {
  return query.select([
    "c.connection_id",
    "c.username",
    "c.ip",
    "c.version",
    "c.last_updated",
    "c.client_log_id",
    "c.server_log_id",
    "cl.status as client_status",
    "cl.url as client_url",
    "cl.entries as client_entries",
    "cl.levels as client_levels",
    "cl.errors as client_errors",
    "cl.warnings as client_warnings",
    "cl.last_error as client_last_error",
    "cl.duration_seconds as client_duration",
    "cl.median_latency as client_median_latency",
    "sl.status as server_status",
    "sl.url as server_url",
    "sl.entries as server_entries",
    "sl.levels as server_levels",
    "sl.errors as server_errors",
    "sl.warnings as server_warnings",
    "sl.last_error as server_last_error",
    "sl.duration_seconds as server_duration",
    // A 0/1 integer rather than a boolean: SQLite has no boolean type.
    sql<number>`case when exists (
      select 1 from bookmarks b where b.connection_id = c.connection_id and b.user_id = ${userId}
    ) then 1 else 0 end`.as("bookmarked"),
  ]);
}

export type RawConnectionRow = InferResult<ReturnType<typeof selectConnectionRow>>[number];

export function toConnectionRow(row: RawConnectionRow): ConnectionRow {
  const client = logSummary(row.client_log_id, {
    status: row.client_status,
    url: row.client_url,
    entries: row.client_entries,
    levels: row.client_levels,
    errors: row.client_errors,
    warnings: row.client_warnings,
    lastError: row.client_last_error,
  });
  const server = logSummary(row.server_log_id, {
    status: row.server_status,
    url: row.server_url,
    entries: row.server_entries,
    levels: row.server_levels,
    errors: row.server_errors,
    warnings: row.server_warnings,
    lastError: row.server_last_error,
  });
  return {
    connectionId: row.connection_id,
    username: row.username,
    ip: row.ip,
    version: row.version,
    lastUpdated: row.last_updated,
    bookmarked: Number(row.bookmarked) === 1,
    client,
    server,
    medianLatency: row.client_median_latency,
    durationSeconds: longer(row.client_duration, row.server_duration),
  };
}

interface LogColumns {
  readonly status: LogStatus | null;
  readonly url: string | null;
  readonly entries: number | null;
  readonly levels: string | null;
  readonly errors: number | null;
  readonly warnings: number | null;
  readonly lastError: string | null;
}

function logSummary(logId: number | null, log: LogColumns): LogSummary {
  if (logId === null || log.status === null) {
    return {
      status: "not_recorded",
      url: null,
      entries: null,
      levels: null,
      errors: null,
      warnings: null,
      errorPct: null,
      warningPct: null,
      lastError: null,
    };
  }
  return {
    status: log.status,
    url: log.url,
    entries: log.entries,
    levels: log.levels === null ? null : (JSON.parse(log.levels) as Record<string, number>),
    errors: log.errors,
    warnings: log.warnings,
    errorPct: percentOf(log.errors, log.entries),
    warningPct: percentOf(log.warnings, log.entries),
    lastError: log.lastError,
  };
}

function percentOf(part: number | null, entries: number | null): number | null {
  if (part === null || entries === null || entries === 0) return null;
  return (100 * part) / entries;
}

function longer(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}
