/**
 * The list's filters as one SQL condition over `connections c` alone (what they read of the logs is
 * copied onto the connection: migrations/003-list-columns.ts); the page query and the total count share
 * it, so `total` counts exactly what pages show, and the count never joins the logs.
 */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { ConnectionQuery } from "../store.js";
import { containsPattern } from "./like-pattern.js";

/** The username search is the only filter (its index can then count alone: username-search.ts). */
export function onlyUsernameFilter(query: ConnectionQuery): boolean {
  return (
    query.version === undefined &&
    query.status === undefined &&
    query.hasErrors === undefined &&
    query.bookmarked === undefined &&
    query.pattern === undefined
  );
}

export function filterCondition(query: ConnectionQuery, userId: string): RawBuilder<SqlBool> {
  // No stored text can hold NUL (PostgreSQL refuses it even as a parameter): such a filter matches nothing.
  if (query.q?.includes("\u0000") || query.version?.includes("\u0000") || query.pattern?.includes("\u0000")) {
    return sql<SqlBool>`1 = 0`;
  }
  const conditions: RawBuilder<unknown>[] = [];
  if (query.q !== undefined && query.q !== "") {
    // The escape character is written in the SQL, not bound: PostgreSQL's planner then sees a constant
    // pattern it can match against the trigram index.
    conditions.push(sql`c.username_lower like ${containsPattern(query.q)} escape '\\'`);
  }
  if (query.version !== undefined) {
    conditions.push(sql`c.version = ${query.version}`);
  }
  if (query.status === "not_recorded") {
    conditions.push(sql`(c.client_log_id is null or c.server_log_id is null)`);
  } else if (query.status !== undefined) {
    conditions.push(sql`(c.client_status = ${query.status} or c.server_status = ${query.status})`);
  }
  if (query.hasErrors !== undefined) {
    conditions.push(query.hasErrors ? sql`c.errors > 0` : sql`c.errors = 0`);
  }
  if (query.bookmarked !== undefined) {
    // Uncorrelated, like the pattern filter: one read of this user's bookmarks, not a probe per row
    // (235 ms → a few ms at 1,000,000 connections).
    const bookmarked = sql`c.connection_id in (select b.connection_id from bookmarks b where b.user_id = ${userId})`;
    conditions.push(query.bookmarked ? bookmarked : sql`not ${bookmarked}`);
  }
  if (query.pattern !== undefined) {
    // One uncorrelated subquery (the logs with the pattern, through log_patterns_pattern_idx), probed by
    // both log ids: no per-row lookup, and the same plan on SQLite and PostgreSQL.
    const logs = sql`(select p.log_id from log_patterns p where p.pattern_id = ${query.pattern})`;
    conditions.push(sql`(c.client_log_id in ${logs} or c.server_log_id in ${logs})`);
  }
  if (conditions.length === 0) return sql<SqlBool>`1 = 1`;
  return sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
}
