// What migration 005's triggers (the fleet aggregates) cost the writes: `completeLog` for 2,000 logs (each
// with 6 error patterns of 50 and a 1,000-point latency series), one after another in-process, on a fresh
// database with the triggers (as shipped) and on one where they were dropped after migrating (the
// baseline, same build, same run), alternated twice. SQLite, then PostgreSQL when its binaries are there
// (a scratch database in the cached cluster of bench/.out/pg).
//
// Environment: BENCH_WRITE_LOGS (2,000), BENCH_DATABASES (sqlite,postgres).
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_METRIC_NAMES, describeValues, patternId } from "@loupe/core";

const require = createRequire(import.meta.url);
const LOGS = Number(process.env.BENCH_WRITE_LOGS ?? 2_000);
const TEMPLATES = Array.from({ length: 50 }, (_, k) => `Problem ${k} happened <num> times`);

export async function run({ outDir }) {
  const { canStartThrowawayPostgres } = await import("./lib/big-postgres.mjs");
  const databases = (
    process.env.BENCH_DATABASES ?? (canStartThrowawayPostgres() ? "sqlite,postgres" : "sqlite")
  )
    .split(",")
    .map((d) => d.trim());
  const rows = [];
  for (const dialect of databases) {
    const times = { with: [], without: [] };
    let cluster;
    if (dialect === "postgres") {
      const { startBenchPostgres } = await import("./lib/big-postgres.mjs");
      cluster = await startBenchPostgres(outDir, { database: "loupe_write_cost" });
    }
    try {
      for (let round = 0; round < 2; round++) {
        for (const triggers of ["with", "without"]) {
          times[triggers].push(await completeCost(dialect, cluster?.url, triggers === "with"));
        }
      }
    } finally {
      await cluster?.stop();
    }
    const range = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
    const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    rows.push({
      name: `${dialect}: completeLog per log with the fleet aggregates' triggers / without`,
      value: median(times.with) / median(times.without),
      unit: "×",
      note: `${range(times.with)} ms vs ${range(times.without)} ms per log, ${LOGS.toLocaleString("en")} logs, 2 runs each`,
    });
  }
  return rows;
}

/** ms per completeLog on a fresh database; `triggers` false: migration 005's triggers dropped first. */
async function completeCost(dialect, clusterUrl, triggers) {
  const { createKyselyStore } = await import("../packages/server/dist/store/kysely/create-store.js");
  const directory = mkdtempSync(join(tmpdir(), "loupe-write-cost-"));
  const options =
    dialect === "sqlite" ? { sqlitePath: join(directory, "loupe.db") } : { databaseUrl: clusterUrl };
  if (dialect === "postgres") {
    await raw(options, "drop schema public cascade; create schema public");
  }
  const store = createKyselyStore(options);
  try {
    await store.migrate();
    if (!triggers) await dropFleetTriggers(options, dialect);
    const now = Date.now();
    await store.importConnections(
      Array.from({ length: LOGS / 2 }, (_, i) => ({
        connectionId: i + 1,
        username: `user${i % 300}@example.com`,
        ip: "10.0.0.1",
        version: `v${i % 10}`,
        lastUpdated: now - i * 1000,
        clientUrl: `https://bucket.example/client${i}.txt`,
        serverUrl: `https://bucket.example/server${i}.txt`,
      })),
      now,
    );
    const claimed = await store.claimLogs("bench", LOGS, 600_000, now);
    const started = performance.now();
    for (const log of claimed) {
      await store.completeLog(log.logId, log.leaseToken, outcome(log.logId), now);
    }
    return (performance.now() - started) / claimed.length;
  } finally {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

async function dropFleetTriggers(options, dialect) {
  if (dialect === "sqlite") {
    const Database = require("better-sqlite3");
    const db = new Database(options.sqlitePath);
    const names = db
      .prepare("select name from sqlite_master where type = 'trigger' and name like '%fleet%'")
      .pluck()
      .all();
    for (const name of names) db.exec(`drop trigger "${name}"`);
    db.close();
    return;
  }
  await raw(
    options,
    `do $$ declare r record; begin
      for r in select tgname, tgrelid::regclass::text as tbl from pg_trigger
        where not tgisinternal and tgname like '%fleet%' loop
        execute format('drop trigger %I on %s', r.tgname, r.tbl);
      end loop; end $$`,
  );
}

async function raw(options, text) {
  const { Client } = require("pg");
  const client = new Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export function outcomeForBench(id) {
  return outcome(id);
}

function outcome(id) {
  const latency = {
    t: Float64Array.from({ length: 1000 }, (_, i) => i),
    v: Float64Array.from({ length: 1000 }, (_, i) => 0.02 + ((i * id) % 17) / 1000),
  };
  const empty = { t: new Float64Array(0), v: new Float64Array(0) };
  const series = Object.fromEntries(ALL_METRIC_NAMES.map((m) => [m, m === "latency" ? latency : empty]));
  const stats = Object.fromEntries(
    ALL_METRIC_NAMES.map((m) => [m, m === "latency" ? describeValues(latency.v) : null]),
  );
  const patterns = Array.from({ length: 6 }, (_, j) => {
    const template = TEMPLATES[(id * 7 + j * 3) % TEMPLATES.length];
    return {
      id: patternId(template),
      template,
      level: j % 2 ? "WARNING" : "ERROR",
      count: 1 + j,
      example: template.replace("<num>", "3"),
      firstTime: 1,
      lastTime: 2,
    };
  });
  const analysis = {
    bytes: 100_000,
    lines: 100,
    blankLines: 0,
    entries: 100,
    continuationLines: 0,
    unparsedLines: 0,
    invalidValues: 0,
    levels: { INFO: 90, ERROR: 5, WARNING: 5 },
    errors: 5,
    warnings: 5,
    firstTime: 0,
    lastTime: 60,
    latestTime: 60,
    durationSeconds: 60,
    series,
    stats,
    patterns,
  };
  return { kind: "parsed", analysis, bytes: 100_000, etag: null, lastModified: null, parserVersion: 1 };
}
