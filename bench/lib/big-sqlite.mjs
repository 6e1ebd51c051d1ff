// The SQLite database of the server benchmark: the real migrations (createStore(...).migrate()), then a
// synthetic fleet (fleet-data.mjs) inserted directly with better-sqlite3 in big transactions. The
// migrations' secondary indexes are dropped before the load and re-created from their own SQL afterwards
// (sorted index builds are much faster than a million random B-tree inserts); the schema ends up exactly
// as the migrations left it. Likewise the triggers (the username FTS index, the list's copies of log
// columns): dropped for the load, re-created, and what they maintain rebuilt in one pass each. Cached:
// a finished database is recorded in a sidecar JSON file and reused.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { CONNECTION_COLUMNS, generateFleet, LOG_COLUMNS, PATTERN_COLUMNS } from "./fleet-data.mjs";

const require = createRequire(import.meta.url);
const VERSION = 4; // bump when fleet-data.mjs or this loader changes what ends up in the file

/** `shape`: generateFleet's options besides count (ingestedShare, insights); part of the cache key. */
export async function buildSqliteFleet(path, count, shape = {}) {
  const metaPath = `${path}.json`;
  const shapeKey = JSON.stringify(shape);
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, "utf8"));
    if (meta.version === VERSION && meta.count === count && (meta.shape ?? "{}") === shapeKey) {
      return { ...meta, cached: true };
    }
  }
  for (const p of [path, `${path}-wal`, `${path}-shm`, metaPath]) rmSync(p, { force: true });
  const started = performance.now();

  const { createStore } = await import("../../packages/server/dist/store/kysely/create-store.js");
  const store = await createStore({ sqlitePath: path });
  await store.migrate();
  await store.close();

  const Database = require("better-sqlite3");
  const db = new Database(path);
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("foreign_keys = OFF");
  db.pragma("cache_size = -1000000"); // 1 GB
  const indexes = db
    .prepare(
      "select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in ('connections', 'logs', 'log_patterns')",
    )
    .all();
  for (const { name } of indexes) db.exec(`drop index "${name}"`);
  const triggers = db.prepare("select name, sql from sqlite_master where type = 'trigger'").all();
  for (const { name } of triggers) db.exec(`drop trigger "${name}"`);

  const insertSql = (table, cols) =>
    `insert into ${table} (${cols.join(", ")}) values (${cols.map((c) => `@${c}`).join(", ")})`;
  const insertLog = db.prepare(insertSql("logs", LOG_COLUMNS));
  const insertConnection = db.prepare(insertSql("connections", CONNECTION_COLUMNS));
  const insertPattern = db.prepare(insertSql("log_patterns", PATTERN_COLUMNS));

  let inTransaction = 0;
  db.exec("begin");
  const tick = () => {
    if (++inTransaction >= 200_000) {
      db.exec("commit");
      db.exec("begin");
      inTransaction = 0;
    }
  };
  const fleet = generateFleet(
    { count, ...shape },
    (log) => {
      insertLog.run(log);
      tick();
    },
    (connection) => {
      insertConnection.run(connection);
      tick();
    },
    (pattern) => {
      insertPattern.run(pattern);
      tick();
    },
  );
  db.exec("commit");

  // A few hundred bookmarks for the default user, spread over the fleet.
  const bookmark = db.prepare(
    "insert into bookmarks (connection_id, user_id, created_at) values (?, 'local', ?)",
  );
  db.transaction(() => {
    for (let i = 1; i <= count; i += Math.floor(count / 300)) bookmark.run(i, Date.UTC(2025, 1, 1));
  })();
  const loadedMs = performance.now() - started;
  for (const { sql } of indexes) db.exec(sql);
  // The fleet aggregates (migration 005) rebuilt in one pass while their triggers are still gone.
  const { fillFleetAggregates } = await import(
    "../../packages/server/dist/store/kysely/migrations/005-fleet-aggregates.js"
  );
  for (const statement of fillFleetAggregates("sqlite")) db.exec(statement);
  for (const { sql } of triggers) db.exec(sql);
  db.exec("insert into connections_username_fts (connections_username_fts) values ('rebuild')");
  // The list's copies of log columns, as the dropped triggers would have kept them.
  const { refreshListColumns } = await import(
    "../../packages/server/dist/store/kysely/migrations/003-list-columns.js"
  );
  db.exec(refreshListColumns("1 = 1"));
  const counts = db
    .prepare(
      "select (select count(*) from connections) connections, (select count(*) from logs) logs, (select count(*) from logs where status = 'ok') ingested, (select count(*) from log_patterns) patterns, (select count(distinct username_lower) from connections) usernames",
    )
    .get();
  db.pragma("journal_mode = WAL"); // as the server opens it
  db.close();

  const meta = {
    version: VERSION,
    count,
    shape: shapeKey,
    ...counts,
    versions: fleet.versions,
    commonUsername: fleet.commonUsername,
    rareUsername: fleet.rareUsername,
    loadSeconds: loadedMs / 1000,
    buildSeconds: (performance.now() - started) / 1000,
  };
  writeFileSync(metaPath, JSON.stringify(meta, null, 2));
  return { ...meta, cached: false };
}
