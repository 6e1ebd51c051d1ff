/**
 * Migration 005, part 4. The counts of the fleet's pattern insights, kept by triggers on
 * `fleet_pattern_hits` as hits come and go, so that the top patterns are read, not counted:
 *
 * - `fleet_patterns` per (pattern, level): occurrences and logs (each log once, however many connections
 *   point at it), connections and users reaching it, and its template (the least seen: one per id, the
 *   id being the template's hash);
 * - `fleet_pattern_users` / `fleet_pattern_versions`: how many of those connections each username and
 *   each version has (a row goes when its count does), for `users` and the list of versions.
 *
 * The rest (first and last sighting, first version, least example, each version's first sighting) is
 * read through fleet_pattern_hits' indexes for the few patterns asked for (fleet-patterns.ts).
 */
import { type Kysely, sql } from "kysely";
import type { DialectName } from "../database.js";
import { FLEET_PATTERN_HITS } from "./fleet-pattern-hits-table.js";
import { plpgsqlTrigger } from "./plpgsql-trigger.js";

export const FLEET_PATTERNS = "fleet_patterns";
export const FLEET_PATTERN_USERS = "fleet_pattern_users";
export const FLEET_PATTERN_VERSIONS = "fleet_pattern_versions";

type Row = "new" | "old";
const samePattern = (table: string, row: Row) =>
  `${table}.pattern_id = ${row}.pattern_id and ${table}.level = ${row}.level`;
/** Another hit of the same log (another connection or side points at it); after an insert, not itself. */
const otherHitOfLog = (row: Row) => `exists (select 1 from ${FLEET_PATTERN_HITS} h
  where ${samePattern("h", row)} and h.log_id = ${row}.log_id
    and not (h.connection_id = ${row}.connection_id and h.side = ${row}.side))`;
/** The connection reaches the pattern through its other side too. */
const otherSideOfConnection = (row: Row) => `exists (select 1 from ${FLEET_PATTERN_HITS} h
  where ${samePattern("h", row)} and h.connection_id = ${row}.connection_id and h.side <> ${row}.side)`;
const userRow = (row: Row) =>
  `${samePattern(FLEET_PATTERN_USERS, row)} and username_lower = ${row}.username_lower`;
const versionRow = (row: Row) => `${samePattern(FLEET_PATTERN_VERSIONS, row)} and version = ${row}.version`;

const onInsert = [
  `insert into ${FLEET_PATTERNS} (pattern_id, level, template, count, logs, connections, users)
    values (new.pattern_id, new.level, new.template, 0, 0, 0, 0)
    on conflict (pattern_id, level) do update set template = case
      when excluded.template < ${FLEET_PATTERNS}.template then excluded.template else ${FLEET_PATTERNS}.template end`,
  // The log's first link: its occurrences count.
  `update ${FLEET_PATTERNS} set count = count + new.count, logs = logs + 1
    where ${samePattern(FLEET_PATTERNS, "new")} and not ${otherHitOfLog("new")}`,
  // The connection's first side: one more connection, and one more user if the username is new here.
  `update ${FLEET_PATTERNS} set connections = connections + 1,
    users = users + case when new.username_lower is not null
      and not exists (select 1 from ${FLEET_PATTERN_USERS} where ${userRow("new")}) then 1 else 0 end
    where ${samePattern(FLEET_PATTERNS, "new")} and not ${otherSideOfConnection("new")}`,
  `insert into ${FLEET_PATTERN_USERS} (pattern_id, level, username_lower, connections)
    select new.pattern_id, new.level, new.username_lower, 1
    where new.username_lower is not null and not ${otherSideOfConnection("new")}
    on conflict (pattern_id, level, username_lower) do update set connections = ${FLEET_PATTERN_USERS}.connections + 1`,
  `insert into ${FLEET_PATTERN_VERSIONS} (pattern_id, level, version, connections)
    select new.pattern_id, new.level, new.version, 1
    where new.version is not null and not ${otherSideOfConnection("new")}
    on conflict (pattern_id, level, version) do update set connections = ${FLEET_PATTERN_VERSIONS}.connections + 1`,
];

const onDelete = [
  `update ${FLEET_PATTERNS} set count = count - old.count, logs = logs - 1
    where ${samePattern(FLEET_PATTERNS, "old")} and not ${otherHitOfLog("old")}`,
  `update ${FLEET_PATTERN_USERS} set connections = connections - 1
    where ${userRow("old")} and not ${otherSideOfConnection("old")}`,
  `update ${FLEET_PATTERNS} set connections = connections - 1,
    users = users - case when exists (select 1 from ${FLEET_PATTERN_USERS}
      where ${userRow("old")} and connections = 0) then 1 else 0 end
    where ${samePattern(FLEET_PATTERNS, "old")} and not ${otherSideOfConnection("old")}`,
  `delete from ${FLEET_PATTERN_USERS} where ${userRow("old")} and connections = 0`,
  `update ${FLEET_PATTERN_VERSIONS} set connections = connections - 1
    where ${versionRow("old")} and not ${otherSideOfConnection("old")}`,
  `delete from ${FLEET_PATTERN_VERSIONS} where ${versionRow("old")} and connections = 0`,
  `delete from ${FLEET_PATTERNS} where ${samePattern(FLEET_PATTERNS, "old")} and logs = 0`,
];

/** Every total from the hits (the migration; bulk loads that wrote with triggers off). */
export function fillFleetPatternTotals(): string[] {
  const hits = FLEET_PATTERN_HITS;
  return [
    `delete from ${FLEET_PATTERNS}`,
    `delete from ${FLEET_PATTERN_USERS}`,
    `delete from ${FLEET_PATTERN_VERSIONS}`,
    `insert into ${FLEET_PATTERN_USERS} (pattern_id, level, username_lower, connections)
      select pattern_id, level, username_lower, count(distinct connection_id) from ${hits}
      where username_lower is not null group by pattern_id, level, username_lower`,
    `insert into ${FLEET_PATTERN_VERSIONS} (pattern_id, level, version, connections)
      select pattern_id, level, version, count(distinct connection_id) from ${hits}
      where version is not null group by pattern_id, level, version`,
    `insert into ${FLEET_PATTERNS} (pattern_id, level, template, count, logs, connections, users)
      select t.pattern_id, t.level, t.template, l.count, l.logs, t.connections,
        (select count(*) from ${FLEET_PATTERN_USERS} u where u.pattern_id = t.pattern_id and u.level = t.level)
      from (select pattern_id, level, min(template) as template, count(distinct connection_id) as connections
            from ${hits} group by pattern_id, level) t
      join (select pattern_id, level, sum(count) as count, count(*) as logs
            from (select distinct pattern_id, level, log_id, count from ${hits}) d group by pattern_id, level) l
        on l.pattern_id = t.pattern_id and l.level = t.level`,
  ];
}

export async function createFleetPatternTotals(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable(FLEET_PATTERNS)
    .addColumn("pattern_id", "text", (col) => col.notNull())
    .addColumn("level", "text", (col) => col.notNull())
    .addColumn("template", "text", (col) => col.notNull())
    .addColumn("count", "bigint", (col) => col.notNull())
    .addColumn("logs", "bigint", (col) => col.notNull())
    .addColumn("connections", "bigint", (col) => col.notNull())
    .addColumn("users", "bigint", (col) => col.notNull())
    .addPrimaryKeyConstraint("fleet_patterns_pk", ["pattern_id", "level"])
    .execute();
  for (const [table, column] of [
    [FLEET_PATTERN_USERS, "username_lower"],
    [FLEET_PATTERN_VERSIONS, "version"],
  ] as const) {
    await db.schema
      .createTable(table)
      .addColumn("pattern_id", "text", (col) => col.notNull())
      .addColumn("level", "text", (col) => col.notNull())
      .addColumn(column, "text", (col) => col.notNull())
      .addColumn("connections", "bigint", (col) => col.notNull())
      .addPrimaryKeyConstraint(`${table}_pk`, ["pattern_id", "level", column])
      .execute();
  }
}

/** The triggers on fleet_pattern_hits that keep the totals (installed after the first fill). */
export async function createFleetPatternTotalsTriggers(
  db: Kysely<unknown>,
  dialect: DialectName,
): Promise<void> {
  // Each hit must see the hits written before it: SQLite runs AFTER row triggers row by row, but
  // PostgreSQL runs them once the whole statement is done (a log's two sides would then each see the
  // other and neither count), and its BEFORE row triggers see the statement's earlier rows. The
  // statements exclude the row itself, so they read the same either way.
  for (const [name, event, row, body] of [
    ["fleet_pattern_hits_insert", "insert", "new", onInsert],
    ["fleet_pattern_hits_delete", "delete", "old", onDelete],
  ] as const) {
    if (dialect === "sqlite") {
      await sql
        .raw(`create trigger ${name} after ${event} on ${FLEET_PATTERN_HITS} begin ${body.join(";\n")}; end`)
        .execute(db);
      continue;
    }
    await sql.raw(plpgsqlTrigger(`loupe_${name}`, body, row)).execute(db);
    await sql
      .raw(`create trigger ${name} before ${event} on ${FLEET_PATTERN_HITS}
        for each row execute function loupe_${name}()`)
      .execute(db);
  }
}
