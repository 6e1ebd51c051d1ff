// Ingesting the default demo (issue 3). Scenario 1, the goal's: `loupe serve` without a manifest on a
// fresh SQLite database imports the 3,000-connection demo fleet and fetches every log over HTTP from its
// own demo bucket, which generates each object on request in the server's process. Scenario 2, for
// comparison: the same fleet served by the demo bucket in a process of its own (as in production, where
// object storage is elsewhere), imported with --manifest. Both on this machine's 2 cores.
//
// Timed from the server's spawn until /api/ingest/status has nothing pending. Meanwhile autocannon asks
// for the first page of the list at a modest rate (a few people using the dashboard); the same load once
// ingestion is over is the baseline. autocannon warms up for a second on /healthz first: its own start
// cost 50–75 ms on its first requests, which once made the p99 of ~400 requests.
//
// Environment: BENCH_INGEST_RATE (requests/s during and after ingest, default 20),
// BENCH_INGEST_DEMO_COUNT (default 3000), BENCH_INGEST_SCENARIOS (builtin,external; default both).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { generateDemoManifest } from "@loupe/demo";
import { hammer } from "./lib/load.mjs";
import { cpuMs, get, killOnSignal, startLoupe } from "./lib/loupe-process.mjs";

const RATE = Number(process.env.BENCH_INGEST_RATE ?? 20);
const DEMO_COUNT = Number(process.env.BENCH_INGEST_DEMO_COUNT ?? 3000);
const SCENARIOS = (process.env.BENCH_INGEST_SCENARIOS ?? "builtin,external").split(",").map((s) => s.trim());
const LOAD_CONNECTIONS = 5;
const MAX_SECONDS = 300;
const IDLE_SECONDS = 10;

export async function run({ outDir }) {
  const rows = [];
  if (SCENARIOS.includes("builtin")) {
    rows.push(...(await ingest(outDir, "built-in demo bucket", ["--demo-count", String(DEMO_COUNT)], true)));
  }
  if (SCENARIOS.includes("external")) {
    const bucket = await startBucketProcess();
    try {
      const manifest = `${outDir}/demo-external-manifest.json`;
      writeFileSync(
        manifest,
        JSON.stringify(generateDemoManifest({ baseUrl: bucket.url, count: DEMO_COUNT })),
      );
      const label = "bucket in its own process";
      rows.push(...(await ingest(outDir, label, ["--manifest", manifest], false, bucket.pid)));
    } finally {
      await bucket.stop();
    }
  }
  return rows;
}

async function ingest(outDir, label, args, withGoals, bucketPid) {
  const db = `${outDir}/ingest-demo.db`;
  for (const p of [db, `${db}-wal`, `${db}-shm`]) rmSync(p, { force: true });
  const bucketCpuStart = bucketPid === undefined ? 0 : cpuMs(bucketPid);
  const spawned = performance.now();
  const server = await startLoupe(["--db", db, ...args], { logFile: `${outDir}/demo-ingest.log` });
  try {
    const readySeconds = (performance.now() - spawned) / 1000;
    const list = `${server.url}/api/connections?limit=50`;

    // Poll the status until nothing is pending (logs that ended `unavailable` count as finished too).
    let status = null;
    const ingested = (async () => {
      for (;;) {
        if ((performance.now() - spawned) / 1000 > MAX_SECONDS) {
          throw new Error(`ingest not finished after ${MAX_SECONDS} s: ${JSON.stringify(status)}`);
        }
        const response = await get(`${server.url}/api/ingest/status`, { timeoutMs: 30_000 });
        if (response.status === 200) {
          status = response.body;
          if (status.total > 0 && status.pending === 0) return (performance.now() - spawned) / 1000;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    // What the first user after the start sees (the server warms its hot routes before it says ready).
    const firstRequest = await get(list);
    // The load generator's own start (its connections, its code's first runs: 50–75 ms here) is not the
    // server's latency: it warms up on /healthz, which does not warm the list's route.
    await hammer(`${server.url}/healthz`, { connections: LOAD_CONNECTIONS, overallRate: RATE, duration: 1 });
    // Resets the API thread's event-loop lag histogram (prom-client resets it on every scrape), so the
    // scrape after ingest covers the ingest alone; and the machine's load, to tell contention apart.
    await get(`${server.url}/metrics`);
    const loadBefore = loadavg()[0];
    const during = await hammer(list, {
      connections: LOAD_CONNECTIONS,
      overallRate: RATE,
      duration: MAX_SECONDS,
      until: ingested,
    });
    const seconds = await ingested;
    // Since spawn: import, the built-in bucket if any, parse workers, the API.
    const cpuSeconds = cpuMs(server.pid) / 1000;
    const bucketCpu =
      bucketPid === undefined ? "" : `, bucket process ${fmt((cpuMs(bucketPid) - bucketCpuStart) / 1000)} s`;
    const metrics = (await get(`${server.url}/metrics`)).body;
    const loadAfter = loadavg()[0];
    const lag = (name) =>
      1000 * Number(new RegExp(`loupe_nodejs_eventloop_lag_${name}_seconds ([0-9.e+-]+)`).exec(metrics)?.[1]);
    const counter = (name) =>
      Number(
        new RegExp(`loupe_ingest_events\\{name="${name}"\\} ([0-9.e+]+)`).exec(metrics)?.[1] ?? Number.NaN,
      );
    const after = await hammer(list, {
      connections: LOAD_CONNECTIONS,
      overallRate: RATE,
      duration: IDLE_SECONDS,
    });
    for (const [what, r] of [
      ["during", during],
      ["after", after],
    ]) {
      if (r.non2xx > 0 || r.errors > 0)
        throw new Error(`${label} ${what}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    }
    const latency = (r) =>
      `p50 ${fmt(r.p50)} / p95 ${fmt(r.p95)} / p99 ${fmt(r.p99)} / max ${fmt(r.max)} ms, ${r.requests} requests`;
    return [
      {
        name: `${label}: ${DEMO_COUNT.toLocaleString("en")} connections fully ingested (from spawn)`,
        value: seconds,
        unit: "s",
        note:
          `${status.total.toLocaleString("en")} logs: ${status.done} done, ${status.failed} failed; ` +
          `${fmt(counter("bytesFetched") / 1e9)} GB fetched, ${fmt(counter("parseSeconds"))} s in the parser; ` +
          `ready after ${fmt(readySeconds)} s; CPU: server process ${fmt(cpuSeconds)} s${bucketCpu}`,
        ...(withGoals ? { goal: "≤ 60 s", pass: seconds <= 60 } : {}),
      },
      {
        name: `${label}: API p99 during ingest (first page, ${RATE} req/s)`,
        value: during.p99,
        unit: "ms",
        note:
          `${latency(during)}; the API thread's event-loop lag meanwhile p99 ${fmt(lag("p99"))} / max ` +
          `${fmt(lag("max"))} ms (10 ms sampling); machine load ${loadBefore.toFixed(1)} → ${loadAfter.toFixed(1)}`,
        ...(withGoals ? { goal: "≤ 50 ms", pass: during.p99 <= 50 } : {}),
      },
      {
        name: `${label}: first list request once ready`,
        value: firstRequest.ms,
        unit: "ms",
        note: `status ${firstRequest.status}; the server answers its first requests in-process before /readyz says ready`,
      },
      {
        name: `${label}: API p99 after ingest (same load, ${IDLE_SECONDS} s)`,
        value: after.p99,
        unit: "ms",
        note: latency(after),
      },
    ];
  } finally {
    await server.stop();
  }
}

async function startBucketProcess() {
  const script = fileURLToPath(new URL("./lib/demo-bucket-process.mjs", import.meta.url));
  const child = spawn(process.execPath, [script, String(DEMO_COUNT)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exit = once(child, "exit");
  const forget = killOnSignal(() => child.kill("SIGKILL"));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    }
    forget();
  };
  try {
    const lines = createInterface({ input: child.stdout });
    const first = await Promise.race([
      once(lines, "line").then(([line]) => line),
      exit.then(() => {
        throw new Error("demo bucket process exited");
      }),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error("demo bucket did not start")), 30_000).unref(),
      ),
    ]);
    return { url: JSON.parse(first).url, pid: child.pid, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

const fmt = (v) => (Number.isNaN(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));
