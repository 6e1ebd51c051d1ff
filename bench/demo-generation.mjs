// Demo data generation: the 3,000-connection manifest (cold, in a fresh process's first call, and warm),
// and single logs: the longest session of the default fleet and one-hour sessions of each kind.
import { generateDemoLog, generateDemoManifest, listDemoLogs } from "@loupe/demo";
import { timeMedian } from "./lib/measure.mjs";

export async function run() {
  const coldStart = performance.now();
  generateDemoManifest({ baseUrl: "http://127.0.0.1/demo-bucket/", seed: 7 });
  const coldMs = performance.now() - coldStart;
  let seed = 100;
  const warmMs = timeMedian(() => generateDemoManifest({ baseUrl: "http://x/", seed: seed++ }), {
    warmup: 0,
  });

  const logs = listDemoLogs().filter((l) => l.content === "log");
  const longest = logs.reduce((a, b) => (b.endMs - b.startMs > a.endMs - a.startMs ? b : a));
  const oneHour = (spec) => ({
    ...spec,
    session: { ...spec.session, durationSeconds: 3600 },
    endMs: spec.startMs + 3_600_000,
  });
  const cases = [
    [
      `longest default log (${longest.objectName}, ${((longest.endMs - longest.startMs) / 60_000).toFixed(0)} min)`,
      longest,
    ],
    ["one-hour Windows client", oneHour(logs.find((l) => l.side === "client" && l.platform === "windows"))],
    ["one-hour Linux client", oneHour(logs.find((l) => l.side === "client" && l.platform === "linux"))],
    ["one-hour server", oneHour(logs.find((l) => l.side === "server"))],
  ];
  const rows = [
    {
      name: "manifest of 3,000 connections, first call",
      value: coldMs,
      unit: "ms",
      goal: "< 2,000 ms",
      pass: coldMs < 2000,
    },
    { name: "manifest of 3,000 connections, warm (median)", value: warmMs, unit: "ms" },
  ];
  for (const [name, spec] of cases) {
    const ms = timeMedian(() => generateDemoLog(spec));
    const mb = generateDemoLog(spec).length / 1e6;
    rows.push({
      name: `${name}: ${mb.toFixed(1)} MB`,
      value: ms,
      unit: "ms",
      goal: "< 50 ms",
      pass: ms < 50,
    });
  }
  return rows;
}
