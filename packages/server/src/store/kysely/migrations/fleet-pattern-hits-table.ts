/**
 * Migration 005, part 3. `fleet_pattern_hits`: `log_patterns` joined with the connections that point at
 * each log, one row per (pattern, level, connection, side), carrying what the fleet's pattern insights
 * read about the connection (username, version, last update) and about the log's pattern (count,
 * example, template). Only logs some connection points at appear, as the insights count only those.
 *
 * Triggers keep it exact whatever writes: a log's pattern row inserted, updated or deleted adds, replaces
 * or removes its hits; a connection inserted, re-pointed, or given another username, version or time
 * has its hits rebuilt. Its own triggers keep the per-pattern totals (fleet-pattern-totals-tables.ts).
 */
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../database.js";
import { plpgsqlTrigger } from "./plpgsql-trigger.js";

export const FLEET_PATTERN_HITS = "fleet_pattern_hits";

type Side = "client" | "server";
const SIDES: readonly Side[] = ["client", "server"];

const COLUMNS =
  "pattern_id, level, connection_id, side, log_id, count, example, template, username_lower, version, last_updated";

/** Hits of the pattern rows `p` (SQL over `log_patterns p`) through the connections `c` (SQL over `connections c`). */
function hitsOf(patterns: string, connections: string): string {
  return SIDES.map(
    (side) => `select p.pattern_id, p.level, c.connection_id, '${side}', p.log_id, p.count, p.example,
      p.template, c.username_lower, c.version, c.last_updated
      from log_patterns p join connections c on c.${side}_log_id = p.log_id
      where (${patterns}) and (${connections})`,
  ).join("\nunion all\n");
}

const insertHits = (patterns: string, connections: string) =>
  `insert into ${FLEET_PATTERN_HITS} (${COLUMNS}) ${hitsOf(patterns, connections)}`;

const forPatternRow = (row: "new" | "old") =>
  `p.log_id = ${row}.log_id and p.level = ${row}.level and p.pattern_id = ${row}.pattern_id`;
const deletePatternRow = `delete from ${FLEET_PATTERN_HITS}
  where pattern_id = old.pattern_id and level = old.level and log_id = old.log_id`;
const forConnection = (row: "new" | "old") => `c.connection_id = ${row}.connection_id`;
const deleteConnection = (row: "new" | "old") =>
  `delete from ${FLEET_PATTERN_HITS} where connection_id = ${row}.connection_id`;

/** Every hit from scratch (the migration; bulk loads that wrote with triggers off). */
export function fillFleetPatternHits(): string[] {
  return [`delete from ${FLEET_PATTERN_HITS}`, insertHits("true", "true")];
}

export async function createFleetPatternHits(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const idType = dialect === "postgres" ? "bigint" : "integer";
  await db.schema
    .createTable(FLEET_PATTERN_HITS)
    .addColumn("pattern_id", "text", (col) => col.notNull())
    .addColumn("level", "text", (col) => col.notNull())
    .addColumn("connection_id", idType, (col) => col.notNull())
    .addColumn("side", "text", (col) => col.notNull())
    .addColumn("log_id", idType, (col) => col.notNull())
    .addColumn("count", "bigint", (col) => col.notNull())
    .addColumn("example", "text", (col) => col.notNull())
    .addColumn("template", "text", (col) => col.notNull())
    .addColumn("username_lower", "text")
    .addColumn("version", "text")
    .addColumn("last_updated", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("fleet_pattern_hits_pk", ["pattern_id", "level", "connection_id", "side"])
    .execute();
  // Rebuilding a connection's hits; a log's pattern row's hits (and "is this log linked elsewhere?");
  // a pattern's connections newest first (any level) and, per level, its earliest and latest connection;
  // its versions' first sightings; its least example.
  const indexes = [
    ["by_connection", ["connection_id"]],
    ["by_log", ["pattern_id", "level", "log_id"]],
    ["by_time", ["pattern_id", "last_updated", "connection_id", "level"]],
    ["by_version", ["pattern_id", "level", "version", "last_updated"]],
    ["by_example", ["pattern_id", "level", "example"]],
  ] as const;
  for (const [name, columns] of indexes) {
    await db.schema
      .createIndex(`${FLEET_PATTERN_HITS}_${name}_idx`)
      .on(FLEET_PATTERN_HITS)
      .columns([...columns])
      .execute();
  }
}

/** The triggers on log_patterns and connections; installed once the totals' own triggers exist. */
export async function createFleetPatternHitsTriggers(
  db: Kysely<unknown>,
  dialect: DialectName,
): Promise<void> {
  const connectionColumns = ["client_log_id", "server_log_id", "username_lower", "version", "last_updated"];
  // An import rewrites every column of every row it touches: only a real change needs a rebuild.
  const changed = connectionColumns
    .map((column) => `old.${column} is distinct from new.${column}`)
    .join(" or ");
  const triggers: readonly (readonly [string, string, string, string, readonly string[]])[] = [
    [
      "log_patterns_fleet_hits_insert",
      "log_patterns",
      "after insert",
      "true",
      [insertHits(forPatternRow("new"), "true")],
    ],
    [
      "log_patterns_fleet_hits_update",
      "log_patterns",
      "after update",
      "true",
      [deletePatternRow, insertHits(forPatternRow("new"), "true")],
    ],
    ["log_patterns_fleet_hits_delete", "log_patterns", "after delete", "true", [deletePatternRow]],
    [
      "connections_fleet_hits_insert",
      "connections",
      "after insert",
      "true",
      [insertHits("true", forConnection("new"))],
    ],
    [
      "connections_fleet_hits_update",
      "connections",
      `after update of ${connectionColumns.join(", ")}`,
      changed,
      [deleteConnection("new"), insertHits("true", forConnection("new"))],
    ],
    ["connections_fleet_hits_delete", "connections", "after delete", "true", [deleteConnection("old")]],
  ];
  for (const [name, table, event, when, body] of triggers) {
    if (dialect === "sqlite") {
      await sql
        .raw(`create trigger ${name} ${event} on ${table} when ${when} begin ${body.join(";\n")}; end`)
        .execute(db);
      continue;
    }
    await sql.raw(plpgsqlTrigger(`loupe_${name}`, body)).execute(db);
    await sql
      .raw(
        `create trigger ${name} ${event} on ${table} for each row when (${when}) execute function loupe_${name}()`,
      )
      .execute(db);
  }
}
