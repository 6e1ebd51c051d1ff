// PostgreSQL for the server benchmark: a cluster of its own in bench/.out/pg (initdb once, kept between
// runs so the 1,000,000-connection load is paid once; started on a free port, stopped afterwards), loaded
// like the SQLite file: the real migrations, secondary indexes dropped, the same synthetic fleet written
// as CSV and COPYed in by the server, indexes re-created from their own definitions, then VACUUM ANALYZE
// (what autovacuum would have done by the time anyone pages through a million rows).
//
// Settings: the Debian defaults plus fsync/synchronous_commit/full_page_writes off (as the throwaway test
// cluster; they only change write costs) and shared_buffers = 1GB (the data is ~1.5 GB; the machine has 24).
import { execFile, execFileSync } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from "node:fs";
import { chown } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { CONNECTION_COLUMNS, generateFleet, LOG_COLUMNS, PATTERN_COLUMNS } from "./fleet-data.mjs";
import { freePort } from "./loupe-process.mjs";

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const BIN = "/usr/lib/postgresql/15/bin";
const VERSION = 3; // as big-sqlite.mjs: bump when the data changes

export function canStartThrowawayPostgres() {
  return existsSync(join(BIN, "initdb")) && existsSync(join(BIN, "pg_ctl"));
}

async function idOf(flag) {
  const { stdout } = await run("id", [flag, "postgres"]);
  return Number(stdout.trim());
}

/** `database`: the database (created when missing) that `url` names; data sets of different shapes live side by side. */
export async function startBenchPostgres(outDir, { database = "loupe_bench" } = {}) {
  const asRoot = process.getuid?.() === 0;
  const root = join(outDir, "pg");
  const dataDir = join(root, "data");
  const logFile = join(root, "postgres.log");
  mkdirSync(root, { recursive: true });
  if (asRoot) await chown(root, await idOf("-u"), await idOf("-g"));
  const pg = (tool, args) =>
    asRoot
      ? run("runuser", ["-u", "postgres", "--", join(BIN, tool), ...args], { cwd: root })
      : run(join(BIN, tool), args, { cwd: root });
  // A cluster left running by an interrupted run is stopped first (it listens on a port we no longer know).
  if (existsSync(join(dataDir, "postmaster.pid"))) {
    await pg("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]).catch(() => undefined);
  }
  if (!existsSync(join(dataDir, "PG_VERSION"))) {
    rmSync(dataDir, { recursive: true, force: true });
    await pg("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
  }
  const port = await freePort();
  const options = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c shared_buffers=1GB",
    "-c max_wal_size=4GB",
    "-c maintenance_work_mem=512MB",
    "-c max_connections=200",
  ].join(" ");
  await pg("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", options, "-w", "-t", "120", "start"]);
  // Ctrl-C skips finally blocks: stop the cluster then too (synchronously, before the process exits).
  const onSignal = (signal) => {
    const argv = [join(BIN, "pg_ctl"), "-D", dataDir, "-m", "immediate", "-w", "stop"];
    try {
      if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", ...argv], { stdio: "ignore" });
      else execFileSync(argv[0], argv.slice(1), { stdio: "ignore" });
    } catch {
      // already stopped
    }
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const stop = async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await pg("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"]).catch(() => undefined);
  };
  try {
    const admin = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const { Client } = require("pg");
    const client = new Client({ connectionString: admin });
    await client.connect();
    try {
      const exists = await client.query("select 1 from pg_database where datname = $1", [database]);
      if (exists.rowCount === 0) await client.query(`create database ${database}`);
    } finally {
      await client.end();
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
    root,
    stop,
    cpuMs: () => clusterCpuMs(dataDir),
  };
}

/**
 * CPU time (ms) of the cluster: the postmaster with the children it has reaped (cutime/cstime) plus the
 * live backends' and workers' own. NaN without /proc.
 */
function clusterCpuMs(dataDir) {
  try {
    const postmaster = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const fields = (pid) => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    };
    const own = fields(postmaster);
    let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync("/proc")) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const f = fields(entry);
        if (Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]);
      } catch {
        // gone meanwhile
      }
    }
    return ticks * 10; // 100 ticks per second
  } catch {
    return Number.NaN;
  }
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
