// `npm run bench`: every benchmark, each measured against a baseline in the same run, printed as a
// Markdown table for docs/benchmarks.md. Big generated inputs are cached in bench/.out/.
// Usage: npm run bench [-- suite …]   (suites: core, analyze, memory, demo, mask, server, scale, writes,
//   ingest, browser, soak, scaleout)
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const suites = {
  core: ["core throughput (in process)", () => import("./core-throughput.mjs")],
  analyze: ["loupe analyze vs the pandas approach", () => import("./analyze-vs-pandas.mjs")],
  memory: ["1 GB log", () => import("./big-log-memory.mjs")],
  demo: ["demo generation", () => import("./demo-generation.mjs")],
  mask: ["error-pattern masking on hostile input", () => import("./mask-adversarial.mjs")],
  server: ["API under load, 1,000,000 connections", () => import("./server-load.mjs")],
  scale: ["insights at 1,000,000 connections", () => import("./scale-insights.mjs")],
  writes: ["what the fleet aggregates cost a completed log", () => import("./write-cost.mjs")],
  ingest: ["demo ingestion (3,000 connections)", () => import("./demo-ingest.mjs")],
  browser: ["the dashboard in Chromium", () => import("./browser.mjs")],
  soak: ["soak through nginx (2 API processes)", () => import("./soak.mjs")],
  scaleout: ["one vs two API processes behind nginx", () => import("./scale-out.mjs")],
};

const outDir = fileURLToPath(new URL("./.out", import.meta.url));
mkdirSync(outDir, { recursive: true });
const chosen = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(suites);
const format = (v) => (Number.isNaN(v) ? "–" : v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));

console.log(`Node ${process.version}, ${new Date().toISOString()}\n`);
console.log("| benchmark | result | goal | |\n| --- | --- | --- | --- |");
let failed = 0;
for (const key of chosen) {
  const suite = suites[key];
  if (!suite) throw new Error(`unknown suite ${key}; known: ${Object.keys(suites).join(", ")}`);
  const rows = await (await suite[1]()).run({ outDir });
  for (const r of rows) {
    const verdict = r.pass === undefined ? "" : r.pass ? "met" : "**missed**";
    if (r.pass === false) failed++;
    console.log(
      `| ${suite[0]}: ${r.name} | ${format(r.value)} ${r.unit}${r.note ? ` (${r.note})` : ""} | ${r.goal ?? ""} | ${verdict} |`,
    );
  }
}
console.log(`\n${failed === 0 ? "all goals met" : `${failed} goal(s) missed`}`);
