// The API under load with 1,000,000 connections stored (issue 3): `loupe serve` on a pre-built database
// (SQLite: bench/lib/big-sqlite.mjs; PostgreSQL: bench/lib/big-postgres.mjs; both cached in bench/.out/)
// with an empty manifest, so it has nothing to ingest, and autocannon (50 connections, BENCH_SECONDS per
// case, default 10) against /healthz (the baseline, in the same run), the first page of the list, a page
// 10,000 rows deep, username searches (a rare name and a one-letter term), and the first page compressed
// as a browser asks for it. Every case also reports its service time ("alone": sequential requests, one
// at a time) and the server's CPU time per request (robust on a shared machine, where wall-clock latency
// under load depends on what else runs).
//
// With a single SQLite connection, every query blocks the server's event loop; a case whose requests take
// seconds leaves a backlog behind it, so the server is restarted before the next case when /readyz (which
// queues behind that backlog) does not answer within 2 s.
//
// Environment: BENCH_SECONDS (per case), BENCH_CONNECTIONS_STORED (default 1,000,000),
// BENCH_DATABASES (sqlite,postgres; default both when PostgreSQL's binaries are installed, else sqlite).
import { writeFileSync } from "node:fs";
import { buildSqliteFleet } from "./lib/big-sqlite.mjs";
import { hammer, serviceTime } from "./lib/load.mjs";
import { cpuMs, get, startLoupe } from "./lib/loupe-process.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const STORED = Number(process.env.BENCH_CONNECTIONS_STORED ?? 1_000_000);
const CONNECTIONS = 50;
/** 200 pages of 50 deep, walked in pages of 500 (the cursor does not depend on the page size). */
const DEEP_ROWS = 10_000;
const WALK_LIMIT = 500;

export async function run({ outDir }) {
  const databases = (
    process.env.BENCH_DATABASES ?? ((await postgresAvailable()) ? "sqlite,postgres" : "sqlite")
  )
    .split(",")
    .map((d) => d.trim())
    .filter(Boolean);
  const rows = [];
  for (const dialect of databases) {
    if (dialect === "sqlite") rows.push(...(await sqliteRun(outDir)));
    else if (dialect === "postgres") rows.push(...(await postgresRun(outDir)));
    else throw new Error(`unknown database ${dialect}`);
  }
  return rows;
}

async function postgresAvailable() {
  const { canStartThrowawayPostgres } = await import("./lib/big-postgres.mjs").catch(() => ({}));
  return canStartThrowawayPostgres?.() ?? false;
}

async function sqliteRun(outDir) {
  const db = await buildSqliteFleet(`${outDir}/server-${STORED}.db`, STORED);
  const setup = {
    name: `SQLite: ${db.connections.toLocaleString("en")} connections, ${db.logs.toLocaleString("en")} logs, ${db.usernames.toLocaleString("en")} usernames`,
    value: db.buildSeconds,
    unit: "s to build",
    note: db.cached ? "cached in bench/.out" : "built now",
  };
  const rows = await measureServer({
    outDir,
    label: "SQLite",
    meta: db,
    args: ["--db", `${outDir}/server-${STORED}.db`],
  });
  return [setup, ...rows];
}

async function postgresRun(outDir) {
  const { loadPostgresFleet, startBenchPostgres } = await import("./lib/big-postgres.mjs");
  const cluster = await startBenchPostgres(outDir);
  try {
    const db = await loadPostgresFleet(cluster.url, STORED, outDir);
    const setup = {
      name: `PostgreSQL: ${db.connections.toLocaleString("en")} connections loaded`,
      value: db.buildSeconds,
      unit: "s to load",
      note: db.cached ? "cached cluster in bench/.out" : "loaded now",
    };
    const rows = await measureServer({
      outDir,
      label: "PostgreSQL",
      meta: db,
      args: ["--database-url", cluster.url],
      databaseCpuMs: cluster.cpuMs,
    });
    return [setup, ...rows];
  } finally {
    await cluster.stop();
  }
}

export async function measureServer({ outDir, label, meta, args, databaseCpuMs }) {
  const manifest = `${outDir}/empty-manifest.json`;
  writeFileSync(manifest, "[]\n");
  const logFile = `${outDir}/server-load-${label.toLowerCase()}.log`;
  const start = () => startLoupe([...args, "--manifest", manifest], { logFile });
  let server = await start();
  const rows = [];
  try {
    const api = (query) => `${server.url}/api/connections?${query}`;
    const selective = meta.rareUsername.split("@")[0];
    const broad = "a";

    // Counts first (also fills the caches): what each case returns, and what it costs uncached.
    const timed = async (query) => {
      const started = performance.now();
      const response = await get(api(query), { timeoutMs: 120_000 });
      if (response.status !== 200) throw new Error(`${query}: HTTP ${response.status}`);
      return { body: response.body, ms: performance.now() - started };
    };
    const first = await timed("limit=50");
    const selectiveFirst = await timed(`limit=50&q=${encodeURIComponent(selective)}`);
    const broadFirst = await timed(`limit=50&q=${broad}`);
    const selectiveTotal = selectiveFirst.body.total;
    const broadTotal = broadFirst.body.total;
    rows.push({
      name: `${label} first requests, caches empty (first page; "${selective}"; "${broad}")`,
      value: first.ms,
      unit: "ms",
      note: `${fmt(first.ms)} / ${fmt(selectiveFirst.ms)} / ${fmt(broadFirst.ms)} ms, one each, sequential`,
    });

    // Other shapes of the list, one uncached request each: what a user pays for the first look.
    const shapes = [
      "sort=errors",
      "sort=errors&order=asc",
      "sort=medianLatency",
      "sort=medianLatency&order=asc",
      "status=ok",
      "status=missing",
      "hasErrors=true",
      "bookmarked=true",
      `version=${encodeURIComponent(meta.versions?.[0] ?? "x")}`,
    ];
    const shapeTimes = [];
    for (const shape of shapes) shapeTimes.push(`${shape} ${fmt((await timed(`limit=50&${shape}`)).ms)}`);
    rows.push({
      name: `${label} other list shapes, first request each (ms)`,
      value: Math.max(...shapeTimes.map((t) => Number(t.split(" ")[1]))),
      unit: "ms (slowest)",
      note: shapeTimes.join("; "),
    });

    // Walk the cursor DEEP_ROWS deep.
    let cursor = null;
    let walked = 0;
    const walkedNames = new Set();
    const walkStarted = performance.now();
    while (walked < DEEP_ROWS) {
      const page = await get(api(`limit=${WALK_LIMIT}${cursor ? `&cursor=${cursor}` : ""}`), {
        timeoutMs: 120_000,
      });
      if (page.status !== 200 || page.body.nextCursor === null) throw new Error(`walk stopped at ${walked}`);
      walked += page.body.items.length;
      for (const item of page.body.items) if (item.username) walkedNames.add(item.username.split("@")[0]);
      cursor = page.body.nextCursor;
    }
    const walkSeconds = (performance.now() - walkStarted) / 1000;

    const cases = [
      { key: "healthz", name: "/healthz (baseline)", path: "/healthz" },
      { key: "first", name: "first page (limit=50)", path: "/api/connections?limit=50", list: true },
      {
        key: "deep",
        name: `page ${DEEP_ROWS.toLocaleString("en")} rows deep`,
        path: `/api/connections?limit=50&cursor=${cursor}`,
        list: true,
      },
      {
        key: "selective",
        name: `search "${selective}" (${selectiveTotal} match)`,
        path: `/api/connections?limit=50&q=${encodeURIComponent(selective)}`,
        search: true,
      },
      {
        key: "broad",
        name: `search "${broad}" (${broadTotal.toLocaleString("en")} match)`,
        path: `/api/connections?limit=50&q=${broad}`,
        search: true,
      },
      {
        key: "distinct",
        name: `search, a different username each request (${walkedNames.size.toLocaleString("en")} names, random case: no cached page)`,
        path: "/api/connections?limit=50&q=x",
        nextPath: differentSearches([...walkedNames]),
        // Not the issue's case (one term, 50 connections): what a search costs when nothing is cached.
        uncached: true,
      },
      {
        key: "compressed",
        name: "first page, browser's accept-encoding (br)",
        path: "/api/connections?limit=50",
        headers: { "accept-encoding": "gzip, deflate, br, zstd" },
      },
    ];

    let baseline = null;
    for (const c of cases) {
      const url = `${server.url}${c.path}`;
      const service =
        c.nextPath === undefined
          ? await serviceTime(url, { seconds: 2, headers: c.headers })
          : { p50: Number.NaN };
      const cpuBefore = cpuMs(server.pid);
      const dbCpuBefore = databaseCpuMs?.();
      const load = await hammer(url, {
        connections: CONNECTIONS,
        duration: SECONDS,
        headers: c.headers,
        nextPath: c.nextPath,
      });
      const perRequest = (ms) => ms / Math.max(1, load.requests);
      const cpuPerRequest = perRequest(cpuMs(server.pid) - cpuBefore);
      const dbCpu =
        databaseCpuMs === undefined ? "" : ` + database ${fmt(perRequest(databaseCpuMs() - dbCpuBefore))}`;
      if (load.non2xx > 0 || load.errors > load.timeouts) {
        throw new Error(`${c.name}: ${load.non2xx} non-2xx, ${load.errors} errors`);
      }
      if (c.key === "healthz") baseline = load;
      const note =
        `p50 ${fmt(load.p50)} / p95 ${fmt(load.p95)} / p99 ${fmt(load.p99)} ms, ${fmt(load.rps)} req/s` +
        (load.timeouts > 0 ? `, ${load.timeouts} timed out (counted as 10 s)` : "") +
        (Number.isNaN(service.p50) ? "" : `; alone ${fmt(service.p50)} ms`) +
        `; CPU ${fmt(cpuPerRequest)}${dbCpu} ms/req`;
      if (c.list) {
        rows.push({
          name: `${label} ${c.name}: p99`,
          value: load.p99,
          unit: "ms",
          note,
          goal: "≤ 25 ms",
          pass: load.p99 <= 25,
        });
        const share = (100 * load.rps) / baseline.rps;
        rows.push({
          name: `${label} ${c.name}: throughput`,
          value: share,
          unit: "% of /healthz",
          note: `${fmt(load.rps)} vs ${fmt(baseline.rps)} req/s`,
          goal: "≥ 10%",
          pass: share >= 10,
        });
      } else if (c.uncached) {
        rows.push({ name: `${label} ${c.name}: p95`, value: load.p95, unit: "ms", note });
      } else if (c.search) {
        rows.push({
          name: `${label} ${c.name}: p95`,
          value: load.p95,
          unit: "ms",
          note,
          goal: "≤ 30 ms",
          pass: load.p95 <= 30,
        });
      } else {
        rows.push({ name: `${label} ${c.name}: throughput`, value: load.rps, unit: "req/s", note });
      }
      // A backlog of slow queries outlives autocannon: start afresh rather than measure the next case on it.
      if (c.key !== "healthz") {
        const probe = await get(`${server.url}/readyz`, { timeoutMs: 2_000 }).catch(() => null);
        if (probe?.status !== 200) {
          await server.stop();
          server = await start();
          await get(`${server.url}/api/connections?limit=50`, { timeoutMs: 120_000 });
        }
      }
    }
    rows.push({
      name: `${label} walking ${DEEP_ROWS.toLocaleString("en")} rows (pages of ${WALK_LIMIT}) for the deep cursor`,
      value: walkSeconds,
      unit: "s",
    });
    return rows;
  } finally {
    await server.stop();
  }
}

const fmt = (v) => (Number.isNaN(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));

/**
 * Paths searching the given names in turn, each in a random mix of upper and lower case: the page cache
 * keys on the query as typed, so no two requests share a cached page (totals are cached per lower-cased
 * name, so a name seen again reuses its count: with thousands of names that is rare in one case).
 */
function differentSearches(names) {
  let i = 0;
  return () => {
    const name = names[i++ % names.length];
    const mixed = [...name].map((ch) => (Math.random() < 0.5 ? ch.toUpperCase() : ch)).join("");
    return `/api/connections?limit=50&q=${encodeURIComponent(mixed)}`;
  };
}
