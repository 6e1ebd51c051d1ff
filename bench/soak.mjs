// The soak (issue 5): `npm run bench -- soak`. The demo cluster (nginx, two API processes, two workers,
// PostgreSQL: packages/server/src/dev/demo-cluster.ts) ingests the 3,000-connection demo fleet, then
// takes a steady mixed dashboard load (lists, searches, details, series, insights) through nginx for
// 10 minutes, in 1-minute windows. Goals: no error, the last window's p99 at most twice the first
// measured window's, the API processes' RSS growing ≤ 10% after the warm-up window (src/dev/soak.ts).
// Environment: LOUPE_SOAK_SECONDS (default 600), LOUPE_SOAK_RATE (requests/s, default 100),
// LOUPE_SOAK_COUNT (demo connections, default 3000).
import { loadavg } from "node:os";
import { soak } from "../packages/server/dist/dev/soak.js";

export async function run() {
  const seconds = Number(process.env.LOUPE_SOAK_SECONDS ?? 600);
  const rate = Number(process.env.LOUPE_SOAK_RATE ?? 100);
  const count = Number(process.env.LOUPE_SOAK_COUNT ?? 3000);
  const load = [];
  const timer = setInterval(() => load.push(loadavg()[0]), 10_000);
  const report = await soak({ seconds, rate, count, log: console.log, stopOnSignal: true }).finally(() =>
    clearInterval(timer),
  );
  const { windows } = report;
  const first = windows[1];
  const last = windows.at(-1);
  const machine = `load ${Math.min(...load).toFixed(1)}–${Math.max(...load).toFixed(1)}`;
  const requests = windows.reduce((sum, w) => sum + w.requests, 0);
  return [
    {
      name: `errors over ${seconds} s at ${rate} req/s (${requests} requests)`,
      value: report.errors,
      unit: "",
      goal: "0",
      pass: report.pass.errors,
      note: report.errorExamples.slice(0, 3).join("; "),
    },
    {
      name: "p99, first measured window → last",
      value: last.p99,
      unit: "ms",
      goal: "≤ 2× first",
      pass: report.pass.p99Steady,
      note: `first ${first.p99.toFixed(1)} ms, ×${report.p99Ratio.toFixed(2)}; p50 ${first.p50.toFixed(1)} → ${last.p50.toFixed(1)} ms; ${machine}`,
    },
    {
      name: "API processes' RSS growth after warm-up (first third of the windows → last)",
      value: report.rssGrowth * 100,
      unit: "%",
      goal: "≤ 10%",
      pass: report.pass.rss,
      note: first.rssMb
        .map(
          (_, i) =>
            `api-${i + 1} RSS ${windows.map((w) => w.rssMb[i].toFixed(0)).join(", ")} MB, V8 heap in use ` +
            `${windows.map((w) => w.heapUsedMb[i].toFixed(0)).join(", ")} MB`,
        )
        .join("; "),
    },
  ];
}
