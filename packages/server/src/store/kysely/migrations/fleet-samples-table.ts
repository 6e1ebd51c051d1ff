/**
 * Migration 005, part 1. `fleet_samples`: one narrow row per connection with at least one ingested
 * (`ok`) log, holding what the fleet insights read: the connection's version and last update, and per
 * side whose log is ok, that log's entries and errors and its median of each metric the side writes
 * (latency and decode time: client; encode time and size: server; null without points). A side whose log
 * is not ok has null entries and errors. It is what `fleetSamples()` (fleet-samples.ts) computes by
 * joining `connections`, `logs` and the stats JSON, materialized: at 1,000,000 connections that join and
 * the JSON cost seconds per insight; the table is scanned in tens of milliseconds, and a connection's two
 * sides on one row need no distinct count or self-join.
 *
 * Triggers keep it exact whatever writes (as migration 003's list columns): a log's status, counts or
 * stats changing refreshes that side of the connections pointing at it; a connection inserted, pointed
 * at other logs, or given another version or time refreshes both sides. PostgreSQL: the log trigger
 * first locks those connections (FOR UPDATE, as 003's UPDATE does), so a concurrent import re-pointing
 * one of them, or the other side's log completing, is applied before or after, never interleaved.
 */
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../database.js";
import { plpgsqlTrigger } from "./plpgsql-trigger.js";

export const FLEET_SAMPLES = "fleet_samples";

type Side = "client" | "server";
const SIDES: readonly Side[] = ["client", "server"];

/** Each side's columns: its log's entries and errors, and the metrics its log writes (core's METRIC_DEFINITIONS, frozen here). */
const SIDE_METRICS: Readonly<Record<Side, readonly string[]>> = {
  client: ["latency", "decode_time"],
  server: ["encode_time", "encode_size"],
};
const sideColumns = (side: Side) => [`${side}_entries`, `${side}_errors`, ...SIDE_METRICS[side]];

/** The log's median of `metric` when it has points of it (count ≠ 0), else null; PostgreSQL: `j.s` is its parsed stats. */
function medianOf(dialect: DialectName, metric: string): string {
  if (dialect === "sqlite") {
    return `case when json_extract(l.stats, '$.${metric}.count') <> 0
      then json_extract(l.stats, '$.${metric}.median') end`;
  }
  return `case when (j.s -> '${metric}' ->> 'count')::float8 <> 0
    then (j.s -> '${metric}' ->> 'median')::float8 end`;
}

/**
 * Statements that make `side` of the connections `where` selects (SQL over `connections c`) what their
 * logs say: cleared where the log is not ok (and the row gone once neither side is), written where it is.
 */
export function refreshFleetSamples(dialect: DialectName, side: Side, where: string): string[] {
  const columns = sideColumns(side);
  const notOk = `select c.connection_id from connections c left join logs l on l.id = c.${side}_log_id
    where (${where}) and (l.status is null or l.status <> 'ok')`;
  const parsed = dialect === "postgres" ? "cross join lateral (select l.stats::jsonb as s) j" : "";
  const values = [
    "coalesce(l.entries, 0)",
    "coalesce(l.errors, 0)",
    ...SIDE_METRICS[side].map((metric) => medianOf(dialect, metric)),
  ];
  return [
    `update ${FLEET_SAMPLES} set ${columns.map((column) => `${column} = null`).join(", ")}
      where connection_id in (${notOk})`,
    `delete from ${FLEET_SAMPLES} where connection_id in (${notOk})
      and client_entries is null and server_entries is null`,
    // (The select ends with a WHERE: SQLite's parser needs one before an upsert's ON CONFLICT.)
    `insert into ${FLEET_SAMPLES} (connection_id, version, last_updated, ${columns.join(", ")})
      select c.connection_id, c.version, c.last_updated, ${values.join(", ")}
      from connections c join logs l on l.id = c.${side}_log_id ${parsed}
      where l.status = 'ok' and (${where})
      on conflict (connection_id) do update set version = excluded.version,
        last_updated = excluded.last_updated,
        ${columns.map((column) => `${column} = excluded.${column}`).join(", ")}`,
  ];
}

/** Every sample from scratch (the migration; bulk loads that wrote with triggers off). */
export function fillFleetSamples(dialect: DialectName): string[] {
  return [
    `delete from ${FLEET_SAMPLES}`,
    ...SIDES.flatMap((side) => refreshFleetSamples(dialect, side, "true")),
  ];
}

/** Creates the table, fills it from the data already there, and installs its triggers. */
export async function createFleetSamples(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const idType = dialect === "postgres" ? "bigint" : "integer";
  let table = db.schema
    .createTable(FLEET_SAMPLES)
    .addColumn("connection_id", idType, (col) => col.primaryKey())
    .addColumn("version", "text")
    .addColumn("last_updated", "bigint", (col) => col.notNull());
  for (const side of SIDES) {
    table = table.addColumn(`${side}_entries`, "bigint").addColumn(`${side}_errors`, "bigint");
    for (const metric of SIDE_METRICS[side]) table = table.addColumn(metric, "double precision");
  }
  await table.execute();
  for (const statement of fillFleetSamples(dialect)) await sql.raw(statement).execute(db);

  const fromLog = (side: Side) => `c.${side}_log_id = new.id`;
  const fromConnection = "c.connection_id = new.connection_id";
  const logBody = SIDES.flatMap((side) => refreshFleetSamples(dialect, side, fromLog(side)));
  const connectionBody = SIDES.flatMap((side) => refreshFleetSamples(dialect, side, fromConnection));
  const logEvent = "after update of status, entries, errors, stats on logs";
  const connectionColumns = ["client_log_id", "server_log_id", "version", "last_updated"];
  // An import rewrites every column of every row it touches: only a real change needs a refresh.
  const changed = connectionColumns
    .map((column) => `old.${column} is distinct from new.${column}`)
    .join(" or ");
  const connectionUpdate = `after update of ${connectionColumns.join(", ")} on connections`;

  if (dialect === "sqlite") {
    await sql
      .raw(`create trigger logs_fleet_samples ${logEvent} begin ${logBody.join(";\n")}; end`)
      .execute(db);
    // SQLite takes one event per trigger.
    for (const [name, event] of [
      ["connections_fleet_samples_insert", "after insert on connections"],
      ["connections_fleet_samples_update", `${connectionUpdate} when ${changed}`],
    ] as const) {
      await sql.raw(`create trigger ${name} ${event} begin ${connectionBody.join(";\n")}; end`).execute(db);
    }
    return;
  }
  const lock = `perform 1 from connections c where ${SIDES.map(fromLog).join(" or ")} for update`;
  await sql.raw(plpgsqlTrigger(`loupe_fleet_samples_from_log`, [lock, ...logBody])).execute(db);
  await sql.raw(plpgsqlTrigger(`loupe_fleet_samples_from_connection`, connectionBody)).execute(db);
  await sql
    .raw(`create trigger logs_fleet_samples ${logEvent}
      for each row execute function loupe_fleet_samples_from_log()`)
    .execute(db);
  await sql
    .raw(`create trigger connections_fleet_samples_insert after insert on connections
      for each row execute function loupe_fleet_samples_from_connection()`)
    .execute(db);
  await sql
    .raw(`create trigger connections_fleet_samples_update ${connectionUpdate} for each row when (${changed})
      execute function loupe_fleet_samples_from_connection()`)
    .execute(db);
  // The planner's row estimates for the insights' queries (autovacuum would get there later).
  await sql`analyze ${sql.table(FLEET_SAMPLES)}`.execute(db);
}
