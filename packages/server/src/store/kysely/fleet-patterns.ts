/**
 * Fleet-wide error patterns, read from the totals migration 005 keeps (fleet_patterns, kept by triggers
 * from fleet_pattern_hits): the top `limit` by occurrences, then for those few the sightings through the
 * hits' indexes. Only logs some connection points at count (a log left behind by a changed URL no longer
 * describes any connection). A pattern is keyed by (pattern id, level), as in a log's own list.
 */
import { sql } from "kysely";
import type { FleetPattern } from "../store.js";
import type { StoreContext } from "./database.js";

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

/** A correlated read of the hits of pattern `t` (one index range each: fleet-pattern-hits-table.ts). */
const hitsOf = (select: string, order: string) =>
  sql.raw(`(select ${select} from fleet_pattern_hits h
    where h.pattern_id = t.pattern_id and h.level = t.level order by ${order} limit 1)`);

export async function fleetPatterns({ db }: StoreContext, limit: number): Promise<readonly FleetPattern[]> {
  if (limit < 1) return [];
  const top = await sql<TopPatternRow>`
    select t.pattern_id, t.level, t.template, t.count, t.logs, t.connections, t.users,
      ${hitsOf("h.example", "h.example")} as example,
      ${hitsOf("h.last_updated", "h.last_updated, h.connection_id")} as first_seen,
      ${hitsOf("h.last_updated", "h.last_updated desc")} as last_seen,
      -- The earliest connection (ties: lowest id).
      ${hitsOf("h.version", "h.last_updated, h.connection_id")} as first_version
    from (select * from fleet_patterns order by count desc, pattern_id, level limit ${limit}) t
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

/** Each pattern's versions, in the order they first showed it (each version's first sighting: one index read). */
async function versionsOf(
  db: StoreContext["db"],
  patterns: readonly TopPatternRow[],
): Promise<ReadonlyMap<string, string[]>> {
  const ids = [...new Set(patterns.map((row) => row.pattern_id))];
  const rows = await sql<VersionRow>`
    select v.pattern_id, v.level, v.version, (select h.last_updated from fleet_pattern_hits h
        where h.pattern_id = v.pattern_id and h.level = v.level and h.version = v.version
        order by h.last_updated limit 1) as first_seen
    from fleet_pattern_versions v
    where v.pattern_id in (${sql.join(ids)})
    order by first_seen, v.version`.execute(db);
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

/** Connections whose logs contain the pattern (at any level), newest first: one index range of the hits. */
export async function connectionsWithPattern(
  { db }: StoreContext,
  patternId: string,
  limit: number,
): Promise<readonly number[]> {
  // No stored text holds NUL (PostgreSQL refuses it even as a parameter): no pattern has such an id.
  if (patternId.includes("\u0000")) return [];
  const rows = await db
    .selectFrom("fleet_pattern_hits")
    .select(["last_updated", "connection_id"])
    .distinct()
    .where("pattern_id", "=", patternId)
    .orderBy("last_updated", "desc")
    .orderBy("connection_id", "desc")
    .limit(limit)
    .execute();
  return rows.map((row) => Number(row.connection_id));
}
