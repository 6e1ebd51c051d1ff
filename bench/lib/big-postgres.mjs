// PostgreSQL for the server benchmark: a cluster of its own in bench/.out/pg (initdb once, kept between
// runs so the 1,000,000-connection load is paid once; started on a free port, stopped afterwards: the
// tests' start, packages/server/src/dev/postgres.ts, with a kept folder), loaded
// like the SQLite file: the real migrations, secondary indexes dropped, the same synthetic fleet written
// as CSV and COPYed in by the server, indexes re-created from their own definitions, then VACUUM ANALYZE
// (what autovacuum would have done by the time anyone pages through a million rows).
//
// Settings: the Debian defaults plus fsync/synchronous_commit/full_page_writes off (as the throwaway test
// cluster; they only change write costs) and shared_buffers = 1GB (the data is ~1.5 GB; the machine has 24).
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  canStartThrowawayPostgres,
  startThrowawayPostgres,
} from "../../packages/server/dist/dev/postgres.js";
import { processTreeCpuMs } from "../../packages/server/dist/dev/proc-stats.js";
import { CONNECTION_COLUMNS, generateFleet, LOG_COLUMNS, PATTERN_COLUMNS } from "./fleet-data.mjs";

const require = createRequire(import.meta.url);
const VERSION = 3; // as big-sqlite.mjs: bump when the data changes

export { canStartThrowawayPostgres };

/** `database`: the database (created when missing) that `url` names; data sets of different shapes live side by side. */
export async function startBenchPostgres(outDir, { database = "loupe_bench" } = {}) {
  const cluster = await startThrowawayPostgres({
    keptRoot: join(outDir, "pg"),
    database,
    settings: ["shared_buffers=1GB", "max_wal_size=4GB", "maintenance_work_mem=512MB"],
  });
  // Ctrl-C skips finally blocks: stop the cluster then too (synchronously, before the process exits).
  const onSignal = (signal) => {
    cluster.stopNow();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    url: cluster.url,
    async stop() {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
      await cluster.stop();
    },
    /** CPU time (ms) of the cluster: the postmaster, its reaped children and its live backends. */
    cpuMs: () => processTreeCpuMs(cluster.pid()),
  };
}

/** CSV field: unquoted empty = NULL, strings quoted with quotes doubled. */
const csv = (v) =>
  v === null || v === undefined ? "" : typeof v === "string" ? `"${v.replaceAll('"', '""')}"` : String(v);

class CsvFile {
  constructor(path) {
    this.path = path;
    this.fd = openSync(path, "w", 0o644);
    this.buffer = [];
    this.size = 0;
  }
  row(values) {
    const line = `${values.map(csv).join(",")}\n`;
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 22) this.flush();
  }
  flush() {
    writeSync(this.fd, this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
  }
  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** `shape`: generateFleet's options besides count (ingestedShare, insights); part of what the cache is keyed on. */
export async function loadPostgresFleet(url, count, outDir, shape = {}) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const meta = await client
      .query("select meta from bench_meta")
      .then((r) => r.rows[0]?.meta)
      .catch(() => undefined);
    const shapeKey = JSON.stringify(shape);
    if (meta?.version === VERSION && meta.count === count && (meta.shape ?? "{}") === shapeKey) {
      return { ...meta, cached: true };
    }

    const started = performance.now();
    await client.query("drop schema public cascade; create schema public");
    const { createStore } = await import("../../packages/server/dist/store/kysely/create-store.js");
    const store = await createStore({ databaseUrl: url });
    await store.migrate();
    await store.close();
    const trigram = await client.query(
      "select indexdef from pg_indexes where indexname = 'connections_username_idx'",
    );

    // Secondary indexes (not those behind primary keys or unique constraints) go, and come back after.
    const indexes = (
      await client.query(`
        select i.indexname, i.indexdef from pg_indexes i
        where i.schemaname = 'public' and i.tablename in ('connections', 'logs', 'log_patterns')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`)
    ).rows;
    for (const { indexname } of indexes) await client.query(`drop index "${indexname}"`);

    const logsCsv = new CsvFile(join(outDir, "pg-logs.csv"));
    const connectionsCsv = new CsvFile(join(outDir, "pg-connections.csv"));
    const patternsCsv = new CsvFile(join(outDir, "pg-patterns.csv"));
    let fleet;
    try {
      fleet = generateFleet(
        { count, ...shape },
        (log) => logsCsv.row(LOG_COLUMNS.map((c) => log[c])),
        (connection) => connectionsCsv.row(CONNECTION_COLUMNS.map((c) => connection[c])),
        (pattern) => patternsCsv.row(PATTERN_COLUMNS.map((c) => pattern[c])),
      );
      logsCsv.close();
      connectionsCsv.close();
      patternsCsv.close();
      // Foreign keys are checked row by row by COPY: load without them, then add them back validated.
      const fks = (
        await client.query(`
          select conrelid::regclass::text as tbl, conname, pg_get_constraintdef(oid) as def
          from pg_constraint where contype = 'f'
            and conrelid::regclass::text in ('connections', 'bookmarks', 'log_patterns')`)
      ).rows;
      for (const fk of fks) await client.query(`alter table ${fk.tbl} drop constraint "${fk.conname}"`);
      // Row triggers (the list's copies of log columns) would fire per COPYed row: off, then one refresh.
      await client.query("alter table connections disable trigger user");
      await client.query("alter table log_patterns disable trigger user");
      await client.query(`copy logs (${LOG_COLUMNS.join(", ")}) from '${logsCsv.path}' with (format csv)`);
      await client.query(
        `copy connections (${CONNECTION_COLUMNS.join(", ")}) from '${connectionsCsv.path}' with (format csv)`,
      );
      await client.query(
        `copy log_patterns (${PATTERN_COLUMNS.join(", ")}) from '${patternsCsv.path}' with (format csv)`,
      );
      await client.query(
        `insert into bookmarks (connection_id, user_id, created_at)
         select g, 'local', $1 from generate_series(1, $2::int, $3::int) g`,
        [Date.UTC(2025, 1, 1), count, Math.floor(count / 300)],
      );
      for (const fk of fks)
        await client.query(`alter table ${fk.tbl} add constraint "${fk.conname}" ${fk.def}`);
      await client.query("alter table connections enable trigger user");
      await client.query("alter table log_patterns enable trigger user");
      const { refreshListColumns } = await import(
        "../../packages/server/dist/store/kysely/migrations/003-list-columns.js"
      );
      await client.query(refreshListColumns("true"));
      // The fleet aggregates' triggers were off for the load too: rebuilt in one pass each.
      const { fillFleetAggregates } = await import(
        "../../packages/server/dist/store/kysely/migrations/005-fleet-aggregates.js"
      );
      for (const statement of fillFleetAggregates("postgres")) await client.query(statement);
    } finally {
      rmSync(logsCsv.path, { force: true });
      rmSync(connectionsCsv.path, { force: true });
      rmSync(patternsCsv.path, { force: true });
    }
    // Identity columns continue after the loaded ids.
    await client.query("select setval(pg_get_serial_sequence('logs', 'id'), (select max(id) from logs))");
    const loadSeconds = (performance.now() - started) / 1000;
    for (const { indexdef } of indexes) await client.query(indexdef);
    await client.query("vacuum analyze");
    const counts = (
      await client.query(
        `select (select count(*) from connections)::int as connections, (select count(*) from logs)::int as logs,
           (select count(*) from logs where status = 'ok')::int as ingested,
           (select count(*) from log_patterns)::int as patterns,
           (select count(distinct username_lower) from connections)::int as usernames`,
      )
    ).rows[0];
    const result = {
      version: VERSION,
      count,
      shape: shapeKey,
      versions: fleet.versions,
      ...counts,
      rareUsername: fleet.rareUsername,
      commonUsername: fleet.commonUsername,
      usernameIndex: trigram.rows[0]?.indexdef ?? "none",
      loadSeconds,
      buildSeconds: (performance.now() - started) / 1000,
    };
    await client.query("create table bench_meta (meta jsonb not null)");
    await client.query("insert into bench_meta values ($1)", [result]);
    return { ...result, cached: false };
  } finally {
    await client.end();
  }
}
