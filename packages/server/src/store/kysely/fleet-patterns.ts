/**
 * Fleet-wide error patterns, aggregated in SQL. Only logs some connection points at count (a log left
 * behind by a changed URL no longer describes any connection). A pattern is keyed by (pattern id, level),
 * as in a log's own list.
 */
import { sql } from "kysely";
import type { FleetPattern } from "../store.js";
import type { StoreContext } from "./database.js";

/** (connection, log) pairs; UNION (not ALL) so a connection naming one URL twice counts once. */
const links = sql`links as (
  select connection_id, client_log_id as log_id from connections where client_log_id is not null
  union
  select connection_id, server_log_id as log_id from connections where server_log_id is not null
)`;

interface TopPatternRow {
  readonly pattern_id: string;
  readonly level: string;
  readonly template: string;
  readonly example: string;
  readonly count: number;
  readonly logs: number;
  readonly connections: number;
  readonly users: number;
  readonly first_seen: number;
  readonly last_seen: number;
  readonly first_version: string | null;
}

interface VersionRow {
  readonly pattern_id: string;
  readonly level: string;
  readonly version: string;
}

export async function fleetPatterns({ db }: StoreContext, limit: number): Promise<readonly FleetPattern[]> {
  if (limit < 1) return [];
  const top = await sql<TopPatternRow>`
    with ${links},
    totals as (
      select p.pattern_id, p.level, min(p.template) as template, min(p.example) as example,
             sum(p.count) as count, count(*) as logs
      from log_patterns p
      where p.log_id in (select log_id from links)
      group by p.pattern_id, p.level
      order by sum(p.count) desc, p.pattern_id, p.level
      limit ${limit}
    ),
    -- One narrow row per (pattern, connection): a connection reaches a pattern through one or both logs.
    hits as (
      select t.pattern_id, t.level, k.connection_id
      from totals t
      join log_patterns p on p.pattern_id = t.pattern_id and p.level = t.level
      join links k on k.log_id = p.log_id
      group by t.pattern_id, t.level, k.connection_id
    ),
    reach as (
      select h.pattern_id, h.level, count(*) as connections, count(distinct c.username_lower) as users,
             min(c.last_updated) as first_seen, max(c.last_updated) as last_seen
      from hits h join connections c on c.connection_id = h.connection_id
      group by h.pattern_id, h.level
    ),
    -- The earliest connection (ties: lowest id), found by joining on first_seen rather than a window
    -- function: no sort of every hit.
    earliest as (
      select h.pattern_id, h.level, min(c.connection_id) as connection_id
      from hits h
      join connections c on c.connection_id = h.connection_id
      join reach r on r.pattern_id = h.pattern_id and r.level = h.level and r.first_seen = c.last_updated
      group by h.pattern_id, h.level
    )
    select t.pattern_id, t.level, t.template, t.example, t.count, t.logs,
           r.connections, r.users, r.first_seen, r.last_seen, fc.version as first_version
    from totals t
    join reach r on r.pattern_id = t.pattern_id and r.level = t.level
    join earliest e on e.pattern_id = t.pattern_id and e.level = t.level
    join connections fc on fc.connection_id = e.connection_id
    order by t.count desc, t.pattern_id, t.level`.execute(db);
  if (top.rows.length === 0) return [];

  const versions = await versionsOf(db, top.rows);
  return top.rows.map((row) => ({
    patternId: row.pattern_id,
    level: row.level,
    template: row.template,
    example: row.example,
    count: Number(row.count),
    logs: Number(row.logs),
    connections: Number(row.connections),
    users: Number(row.users),
    versions: versions.get(key(row)) ?? [],
    firstSeen: Number(row.first_seen),
    lastSeen: Number(row.last_seen),
    firstVersion: row.first_version,
  }));
}

/** Each pattern's versions, in the order they first showed it. */
async function versionsOf(
  db: StoreContext["db"],
  patterns: readonly TopPatternRow[],
): Promise<ReadonlyMap<string, string[]>> {
  const ids = [...new Set(patterns.map((row) => row.pattern_id))];
  const rows = await sql<VersionRow>`
    with ${links}
    select p.pattern_id, p.level, c.version, min(c.last_updated) as first_seen
    from log_patterns p
    join links k on k.log_id = p.log_id
    join connections c on c.connection_id = k.connection_id
    where p.pattern_id in (${sql.join(ids)}) and c.version is not null
    group by p.pattern_id, p.level, c.version
    order by first_seen, c.version`.execute(db);
  const result = new Map<string, string[]>();
  for (const row of rows.rows) {
    const list = result.get(key(row));
    if (list === undefined) result.set(key(row), [row.version]);
    else list.push(row.version);
  }
  return result;
}

function key(row: { readonly pattern_id: string; readonly level: string }): string {
  return `${row.level}\u0000${row.pattern_id}`;
}

/** Connections whose logs contain the pattern (at any level), newest first. */
export async function connectionsWithPattern(
  { db }: StoreContext,
  patternId: string,
  limit: number,
): Promise<readonly number[]> {
  // No stored text holds NUL (PostgreSQL refuses it even as a parameter): no pattern has such an id.
  if (patternId.includes("\u0000")) return [];
  const withPattern = db.selectFrom("log_patterns").select("log_id").where("pattern_id", "=", patternId);
  const rows = await db
    .selectFrom("connections")
    .select("connection_id")
    .where((eb) => eb.or([eb("client_log_id", "in", withPattern), eb("server_log_id", "in", withPattern)]))
    .orderBy("last_updated", "desc")
    .orderBy("connection_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => row.connection_id);
}
