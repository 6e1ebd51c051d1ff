// Prints how long the demo takes to generate (not a test: timings depend on the machine).
// Run after a build: `npm run measure -w @loupe/demo`.
import { generateDemoLog, generateDemoManifest, listDemoLogs } from "../dist/index.js";

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (fn) => {
  const c = cpuMs();
  const w = performance.now();
  const result = fn();
  return { result, wall: performance.now() - w, cpu: cpuMs() - c };
};

const cold = time(() => generateDemoManifest({ baseUrl: "http://127.0.0.1/demo-bucket/" }));
console.log(`manifest 3000, cold: ${cold.wall.toFixed(0)} ms`);
const warm = [];
for (let seed = 2; seed < 12; seed++)
  warm.push(time(() => generateDemoManifest({ baseUrl: "http://x/", seed })).wall);
warm.sort((a, b) => a - b);
console.log(`manifest 3000, warm: min ${warm[0].toFixed(1)} ms, median ${warm[5].toFixed(1)} ms`);

const logs = listDemoLogs();
const oneHour = (pred) => {
  const spec = logs.find((l) => l.content === "log" && pred(l));
  const session = { ...spec.session, durationSeconds: 3600 };
  return { ...spec, session, endMs: session.startMs + 3_600_500 };
};
const cases = {
  "windows client": oneHour((l) => l.side === "client" && l.platform === "windows" && !l.session.poorNetwork),
  "macos client": oneHour((l) => l.side === "client" && l.platform === "macos"),
  "poor-network client": oneHour((l) => l.side === "client" && l.session.poorNetwork),
  server: oneHour((l) => l.side === "server"),
};
for (const [name, spec] of Object.entries(cases)) {
  const first = time(() => generateDemoLog(spec));
  const runs = Array.from({ length: 10 }, () => time(() => generateDemoLog(spec)));
  const cpu = runs.map((r) => r.cpu).sort((a, b) => a - b);
  const wall = runs.map((r) => r.wall).sort((a, b) => a - b);
  const mb = (first.result.length / 1e6).toFixed(2);
  console.log(
    `1 h ${name}: ${mb} MB, first (cold) ${first.wall.toFixed(0)} ms, ` +
      `warm median ${wall[5].toFixed(1)} ms wall, ${cpu[5].toFixed(1)} ms cpu (all threads)`,
  );
}
