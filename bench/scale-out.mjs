// Scale-out efficiency (issue 5): `npm run bench -- scaleout`. On the demo cluster (3,000 connections
// ingested; packages/server/src/dev/demo-cluster.ts), the steady mixed dashboard load (lists, searches,
// details, series, insights) goes through three setups in turn, round after round (the machine's noise
// falls on all three), on the same database:
//   one        one API process behind its own nginx, at RATE requests/s;
//   one, half  the same at RATE/2: the rate each of two processes sees when they share RATE;
//   two        the cluster's nginx in front of both API processes, at RATE in all.
// Measured: requests served per CPU-second of the API processes (/proc/<pid>/stat), and, for the capacity
// plan in docs/deploy.md, the CPU nginx and PostgreSQL spend per request. The goal (two within 10% of
// one) is judged at the same load per process (two against "one, half"): what a second process costs.
// Two against "one" at the same total load is reported too: it adds that a Node process's CPU per request
// rises as its own request rate falls, which "one, half" against "one" measures with no second process.
// (On 2 cores the absolute gain of a second process cannot show.)
// Environment: BENCH_SCALE_RATE (requests/s, default 200), BENCH_SCALE_SECONDS (per run, default 20),
// BENCH_SCALE_ROUNDS (default 3), BENCH_SCALE_COUNT (demo connections, default 3000),
// BENCH_SCALE_WARMUP (seconds of the load through both processes before measuring, default 40).
import { loadavg } from "node:os";
import { dashboardPaths } from "../packages/server/dist/dev/dashboard-paths.js";
import { startDemoCluster, waitUntilIngested } from "../packages/server/dist/dev/demo-cluster.js";
import { startNginx } from "../packages/server/dist/dev/nginx.js";
import { cpuMs, processTreeCpuMs } from "../packages/server/dist/dev/proc-stats.js";
import { startSteadyLoad, visitEach } from "../packages/server/dist/dev/steady-load.js";

const RATE = Number(process.env.BENCH_SCALE_RATE ?? 200);
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_SCALE_ROUNDS ?? 3);
const COUNT = Number(process.env.BENCH_SCALE_COUNT ?? 3000);
const WARMUP_SECONDS = Number(process.env.BENCH_SCALE_WARMUP ?? 40);
const SETUPS = ["one", "one, half", "two"];

export async function run() {
  // The load stands in for many people but comes from one address: no per-client rate limit.
  const demo = await startDemoCluster({ count: COUNT, stopOnSignal: true, env: { LOUPE_RATE_LIMIT: "0" } });
  const singles = []; // an nginx in front of each API process alone
  try {
    const { cluster } = demo;
    await waitUntilIngested(cluster.url);
    // "One" is each API process in turn (round 1 the first, round 2 the second, …): neither process's
    // own state (JIT, caches, heap) favours one setup.
    for (const api of cluster.apis) singles.push(await startNginx({ upstreams: [`127.0.0.1:${api.port}`] }));
    const alone = (round, rate) => {
      const i = round % singles.length;
      return { url: singles[i].url, nginx: singles[i].pid, apis: [cluster.apis[i]], rate };
    };
    const setups = {
      one: (round) => alone(round, RATE),
      "one, half": (round) => alone(round + 1, RATE / 2),
      two: () => ({ url: cluster.url, nginx: cluster.nginx.pid, apis: cluster.apis, rate: RATE }),
    };
    // Every distinct request once on each process: both start with warm caches and optimised code; then
    // the load itself through both for a while (after one visit of each URL, some code is still warming).
    for (const api of cluster.apis) await visitEach(api.url, dashboardPaths(demo.manifest).all);
    await measure({ ...setups.two(), seconds: WARMUP_SECONDS }, demo.manifest, cluster.postgres);
    const totals = Object.fromEntries(
      SETUPS.map((name) => [name, { requests: 0, errors: 0, api: 0, nginx: 0, pg: 0, p99: [] }]),
    );
    const load = [];
    for (let round = 0; round < ROUNDS; round++) {
      // A different setup first in each round: none always follows the same one.
      for (const name of [
        ...SETUPS.slice(round % SETUPS.length),
        ...SETUPS.slice(0, round % SETUPS.length),
      ]) {
        load.push(loadavg()[0]);
        const setup = setups[name](round);
        const result = await measure(setup, demo.manifest, cluster.postgres);
        const t = totals[name];
        t.requests += result.requests;
        t.errors += result.errors;
        t.api += result.apiCpuMs;
        t.nginx += result.nginxCpuMs;
        t.pg += result.pgCpuMs;
        t.p99.push(result.p99);
        console.log(
          `scale-out round ${round + 1} ${name} (${setup.apis.map((api) => api.name).join(", ")}): ` +
            `${result.requests} requests, ${result.errors} errors, ` +
            `API CPU ${result.apiCpuMs.toFixed(0)} ms (${((1000 * result.requests) / result.apiCpuMs).toFixed(0)} req/CPU-s), ` +
            `(${result.perApiCpuMs.map((ms) => ms.toFixed(0)).join(" + ")}), ` +
            `nginx ${result.nginxCpuMs.toFixed(0)} ms, PostgreSQL ${result.pgCpuMs.toFixed(0)} ms, p99 ${result.p99.toFixed(1)} ms`,
        );
      }
    }
    const perCpuSecond = (t) => (1000 * t.requests) / t.api;
    const relative = (name) => perCpuSecond(totals.two) / perCpuSecond(totals[name]);
    const errors = SETUPS.reduce((sum, name) => sum + totals[name].errors, 0);
    const machine = `load ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`;
    const row = (label, name) => {
      const t = totals[name];
      return {
        name: `${label}: requests per API CPU-second`,
        value: perCpuSecond(t),
        unit: "req/CPU-s",
        note:
          `${t.requests} requests, ${t.errors} errors; API ${(t.api / t.requests).toFixed(2)} ms, ` +
          `nginx ${(t.nginx / t.requests).toFixed(2)} ms, PostgreSQL ${(t.pg / t.requests).toFixed(2)} ms of CPU ` +
          `per request; p99 ${t.p99.map((p) => p.toFixed(0)).join(", ")} ms`,
      };
    };
    return [
      row(`one API process at ${RATE} requests/s`, "one"),
      row(`one API process at ${RATE / 2} requests/s`, "one, half"),
      row(`two API processes at ${RATE} requests/s in all`, "two"),
      {
        name: `two processes' requests per CPU-second, relative to one at the same load per process (${RATE / 2}/s)`,
        value: relative("one, half") * 100,
        unit: "%",
        goal: "≥ 90%",
        pass: relative("one, half") >= 0.9 && errors === 0,
        note: `${ROUNDS} rounds of ${SECONDS} s each, alternating; ${machine}`,
      },
      {
        name: `the same, relative to one at the same total load (${RATE}/s: each of two at half its rate)`,
        value: relative("one") * 100,
        unit: "%",
        note: `one process alone at ${RATE / 2}/s: ${((100 * perCpuSecond(totals["one, half"])) / perCpuSecond(totals.one)).toFixed(1)}% of its requests per CPU-second at ${RATE}/s`,
      },
    ];
  } finally {
    for (const nginx of singles) await nginx.stop();
    await demo.stop();
  }
}

async function measure(setup, manifest, postgres) {
  const paths = dashboardPaths(manifest); // the same sequence of requests for every run
  const latencies = [];
  let errors = 0;
  const perApi = () => setup.apis.map((api) => cpuMs(api.pid()));
  const apiCpu = () => perApi().reduce((sum, ms) => sum + ms, 0);
  const pgCpu = () => (postgres === undefined ? Number.NaN : processTreeCpuMs(postgres.pid()));
  const before = { api: apiCpu(), perApi: perApi(), nginx: processTreeCpuMs(setup.nginx), pg: pgCpu() };
  const load = startSteadyLoad({
    baseUrl: setup.url,
    rate: setup.rate,
    clients: 8,
    nextPath: paths.next,
    onSample: (sample) => {
      latencies.push(sample.ms);
      if (sample.error !== undefined) errors++;
    },
  });
  await new Promise((resolve) => setTimeout(resolve, (setup.seconds ?? SECONDS) * 1000));
  await load.stop();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    apiCpuMs: apiCpu() - before.api,
    perApiCpuMs: perApi().map((ms, i) => ms - before.perApi[i]),
    nginxCpuMs: processTreeCpuMs(setup.nginx) - before.nginx,
    pgCpuMs: pgCpu() - before.pg,
    p99: latencies[Math.ceil(0.99 * latencies.length) - 1] ?? Number.NaN,
  };
}
