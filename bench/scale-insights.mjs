// Issue 5's scale goal for the fleet insights: 1,000,000 connections of which 100,000 logs are ingested
// (summaries and error patterns: fleet-data.mjs with `insights`), on PostgreSQL (bench/lib/big-postgres.mjs,
// its own database `loupe_scale` in the cached cluster of bench/.out/pg), then the same on SQLite
// (bench/lib/big-sqlite.mjs, bench/.out/scale-1000000.db). `loupe serve` with an empty manifest (nothing
// to ingest); every GET /api/insights/… endpoint measured three ways:
//
// - first: the first request after the server started (nothing cached; also the route's first run);
// - after a write: BENCH_UNCACHED times, a real write first (an ingested log's status flipped, through
//   SQL, then the data generation moved as the store does after a write), then one request: what a user
//   pays while ingestion keeps changing the data (restored at the end);
// - repeated: autocannon, BENCH_CONNECTIONS (10) connections for BENCH_SECONDS (5) per endpoint: cached.
//
// plus the server's RSS after each endpoint and its peak, and, for context, the list and search goals of
// the same issue on this data (50 connections). Environment: BENCH_SECONDS, BENCH_UNCACHED (10),
// BENCH_UNCACHED_WAIT_MS (pause after each write; the insights memo before this work ignored writes for
// 5 s), BENCH_ENDPOINTS (names, comma-separated; default all five), BENCH_CONNECTIONS_STORED (1,000,000),
// BENCH_INGESTED (100,000), BENCH_DATABASES (postgres,sqlite).
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { hammer } from "./lib/load.mjs";
import { get, startLoupe } from "./lib/loupe-process.mjs";

const require = createRequire(import.meta.url);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const UNCACHED = Number(process.env.BENCH_UNCACHED ?? 10);
const UNCACHED_WAIT_MS = Number(process.env.BENCH_UNCACHED_WAIT_MS ?? 0);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const STORED = Number(process.env.BENCH_CONNECTIONS_STORED ?? 1_000_000);
const INGESTED = Number(process.env.BENCH_INGESTED ?? 100_000);
/** The issue's goal is on PostgreSQL; SQLite for comparison. */
const DATABASES = (process.env.BENCH_DATABASES ?? "postgres,sqlite").split(",").map((d) => d.trim());
/** Client logs for 85% of connections, server logs for 95% (fleet-data.mjs). */
const LOGS_PER_CONNECTION = 1.8;

const ENDPOINTS = (process.env.BENCH_ENDPOINTS ?? "patterns,versions,error-latency,metrics,users")
  .split(",")
  .map((name) => `/api/insights/${name.trim()}`);

const SHAPE = { ingestedShare: INGESTED / (STORED * LOGS_PER_CONNECTION), insights: true };

export async function run({ outDir }) {
  const rows = [];
  for (const dialect of DATABASES) {
    if (dialect === "postgres") rows.push(...(await postgresRun(outDir)));
    else if (dialect === "sqlite") rows.push(...(await sqliteRun(outDir)));
    else throw new Error(`unknown database ${dialect}`);
  }
  return rows;
}

async function postgresRun(outDir) {
  const { loadPostgresFleet, startBenchPostgres } = await import("./lib/big-postgres.mjs");
  // One database per data set, so that a heavier run does not replace the cached default one.
  const database = INGESTED === 100_000 ? "loupe_scale" : `loupe_scale_${INGESTED}`;
  const cluster = await startBenchPostgres(outDir, { database });
  try {
    const data = await loadPostgresFleet(cluster.url, STORED, outDir, SHAPE);
    const { Client } = require("pg");
    const client = new Client({ connectionString: cluster.url });
    await client.connect();
    const query = async (text, values) => (await client.query(text, values)).rows;
    try {
      return await measure(outDir, "PostgreSQL", data, ["--database-url", cluster.url], {
        query,
        // As the store does after a write: the data generation moves.
        bump: () => query("select nextval('loupe_data_generation')"),
      });
    } finally {
      await client.end();
    }
  } finally {
    await cluster.stop();
  }
}

async function sqliteRun(outDir) {
  const { buildSqliteFleet } = await import("./lib/big-sqlite.mjs");
  const path = `${outDir}/scale-${STORED}${INGESTED === 100_000 ? "" : `-${INGESTED}`}.db`;
  const data = await buildSqliteFleet(path, STORED, SHAPE);
  const Database = require("better-sqlite3");
  const db = new Database(path);
  db.pragma("busy_timeout = 10000");
  // The few statements below, from pg's spelling to SQLite's.
  const query = async (text, values = []) => {
    const statement = db.prepare(
      text.replace("= any($1::bigint[])", "in (select value from json_each($1))").replace(/\$\d+/g, "?"),
    );
    const args = values.map((v) => (Array.isArray(v) ? JSON.stringify(v) : v));
    if (statement.reader) return statement.all(...args);
    statement.run(...args);
    return [];
  };
  try {
    // Another connection's commit moves PRAGMA data_version, which the server's generation includes.
    return await measure(outDir, "SQLite", data, ["--db", path], { query, bump: async () => {} });
  } finally {
    db.close();
  }
}

async function measure(outDir, label, data, args, { query, bump }) {
  const manifest = `${outDir}/empty-manifest.json`;
  writeFileSync(manifest, "[]\n");
  const rows = [
    {
      name: `${label}: ${data.connections.toLocaleString("en")} connections, ${data.ingested.toLocaleString("en")} ingested logs, ${data.patterns.toLocaleString("en")} log patterns`,
      value: data.buildSeconds,
      unit: "s to build",
      note: data.cached ? "cached in bench/.out" : "built now",
    },
  ];
  const started = performance.now();
  const server = await startLoupe([...args, "--manifest", manifest], {
    logFile: `${outDir}/scale-insights-${label.toLowerCase()}.log`,
    startTimeoutMs: 30 * 60_000, // a migration may rewrite the fleet the first time
  });
  rows.push({
    name: `${label} server start until ready (migrations included)`,
    value: (performance.now() - started) / 1000,
    unit: "s",
  });
  const flipped = [];
  try {
    const first = {};
    for (const path of ENDPOINTS) first[path] = await timedGet(server.url + path);
    rows.push({
      name: `${label} first request of each endpoint after start (ms)`,
      value: Math.max(...Object.values(first).map((r) => r.ms)),
      unit: "ms (slowest)",
      note: ENDPOINTS.map((p) => `${short(p)} ${fmt(first[p].ms)} (${kb(first[p].bytes)})`).join("; "),
    });

    // A pool of ingested logs to flip (deterministic: every 97th ingested log).
    const candidates = (
      await query("select id from logs where status = 'ok' and id % 97 = 0 order by id limit 1000")
    ).map((r) => Number(r.id));
    let next = 0;
    const write = async () => {
      const id = candidates[next++ % candidates.length];
      await query("update logs set status = 'unavailable' where id = $1 and status = 'ok'", [id]);
      flipped.push(id);
      await bump();
      if (UNCACHED_WAIT_MS > 0) await new Promise((r) => setTimeout(r, UNCACHED_WAIT_MS));
    };

    for (const path of ENDPOINTS) {
      const url = server.url + path;
      const after = [];
      for (let i = 0; i < UNCACHED; i++) {
        await write();
        after.push((await timedGet(url)).ms);
      }
      after.sort((a, b) => a - b);
      const load = await hammer(url, { connections: CONNECTIONS, duration: SECONDS });
      if (load.non2xx > 0 || load.errors > load.timeouts) {
        throw new Error(`${path}: ${load.non2xx} non-2xx, ${load.errors} errors`);
      }
      const rss = memory(server.pid);
      rows.push({
        name: `${label} ${short(path)}: p95 repeated (${CONNECTIONS} connections, cached)`,
        value: load.p95,
        unit: "ms",
        goal: "≤ 200 ms",
        pass: load.p95 <= 200,
        note: `p50 ${fmt(load.p50)} / p95 ${fmt(load.p95)} / p99 ${fmt(load.p99)} ms, ${fmt(load.rps)} req/s, ${kb(load.bytesPerResponse)}; RSS ${rss.rss} MB (anonymous ${rss.anon} MB)`,
      });
      rows.push({
        name: `${label} ${short(path)}: p95 first request after a write (uncached, ${UNCACHED} sequential)`,
        value: percentileOf(after, 95),
        unit: "ms",
        goal: "(≤ 1,000 ms)",
        pass: percentileOf(after, 95) <= 1000,
        note: `p50 ${fmt(percentileOf(after, 50))} / max ${fmt(after.at(-1))} ms`,
      });
    }
    const { rss, peak, anon } = memory(server.pid);
    rows.push({
      name: `${label} server RSS after the insights (peak)`,
      value: rss,
      unit: "MB",
      note: `peak ${peak} MB; anonymous ${anon} MB`,
    });

    // The same issue's list and search goals, on this data (context: bench/server-load.mjs measures them).
    const list = [
      ["list first page: p99", "/api/connections?limit=50", 99, 25],
      [
        `search "${data.rareUsername.split("@")[0]}": p95`,
        `/api/connections?limit=50&q=${encodeURIComponent(data.rareUsername.split("@")[0])}`,
        95,
        30,
      ],
      ['search "a": p95', "/api/connections?limit=50&q=a", 95, 30],
    ];
    for (const [name, path, p, goal] of list) {
      await timedGet(server.url + path);
      const load = await hammer(server.url + path, { connections: 50, duration: SECONDS });
      const value = p === 99 ? load.p99 : load.p95;
      rows.push({
        name: `${label} ${name} (50 connections)`,
        value,
        unit: "ms",
        goal: `≤ ${goal} ms`,
        pass: value <= goal,
        note: `p50 ${fmt(load.p50)} ms, ${fmt(load.rps)} req/s`,
      });
    }
  } finally {
    if (flipped.length > 0) {
      await query("update logs set status = 'ok' where id = any($1::bigint[])", [flipped]);
      await bump();
    }
    await server.stop();
  }
  return rows;
}

async function timedGet(url) {
  const response = await get(url, { timeoutMs: 300_000 });
  if (response.status !== 200) throw new Error(`${url}: HTTP ${response.status}`);
  return { ms: response.ms, bytes: JSON.stringify(response.body).length };
}

/**
 * VmRSS and VmHWM (peak) of a process, MB, and RssAnon: SQLite maps the database file, and the pages it
 * reads count in RSS (shared, reclaimable page cache), so the process's own memory is the anonymous part.
 */
function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name) =>
    Math.round(Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? Number.NaN) / 1024);
  return { rss: field("VmRSS"), peak: field("VmHWM"), anon: field("RssAnon") };
}

function percentileOf(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const short = (path) => path.replace("/api/insights/", "");
const kb = (bytes) =>
  bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
const fmt = (v) => (Number.isNaN(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));
