// CPU time used by one Chromium (the browser process and its children: GPU, renderers, utilities),
// grouped by process type, from /proc. The Chromium is found by a marker switch it was launched with
// (`--loupe-bench=<id>`; Chromium ignores switches it does not know), so other Chromiums on the machine,
// such as a parallel test run's, are not counted.
import { execFileSync } from "node:child_process";
import { cpuMs } from "./loupe-process.mjs";

export const markerSwitch = (id) => `--loupe-bench=${id}`;

function processTree(marker) {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter(Boolean)
    .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
  const root = rows.find((r) => r.args.includes(marker) && !r.args.includes("--type="));
  if (!root) return [];
  const tree = new Set([root.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const r of rows) {
      if (!tree.has(r.pid) && tree.has(r.ppid)) {
        tree.add(r.pid);
        grew = true;
      }
    }
  }
  return rows
    .filter((r) => tree.has(r.pid))
    .map((r) => ({ pid: r.pid, type: /--type=([a-z-]+)/.exec(r.args)?.[1] ?? "browser" }));
}

/** CPU ms so far per process ("renderer:1234" …) of the Chromium launched with `marker`. */
export function cpuSnapshot(marker) {
  const snapshot = new Map();
  for (const p of processTree(marker)) snapshot.set(`${p.type}:${p.pid}`, cpuMs(p.pid));
  return snapshot;
}

/** CPU ms used between two snapshots, by process type: { renderer, "gpu-process", browser, … }. */
export function cpuByType(before, after) {
  const byType = {};
  for (const [key, ms] of after) {
    const type = key.slice(0, key.indexOf(":"));
    const used = ms - (before.get(key) ?? 0);
    if (Number.isFinite(used)) byType[type] = (byType[type] ?? 0) + used;
  }
  return byType;
}
