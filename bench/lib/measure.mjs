// Timing helpers for the benchmarks: wall-clock medians of repeated runs, and child processes timed with
// GNU time (for peak RSS). Benchmarks report ratios against a baseline measured in the same run.
import { spawnSync } from "node:child_process";

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Median wall time (ms) of `runs` calls of fn, after `warmup` untimed calls. */
export function timeMedian(fn, { runs = 5, warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** Runs a command under /usr/bin/time; returns wall seconds and peak RSS in MB. Throws on failure. */
export function timeCommand(argv, { stdoutTo = "/dev/null" } = {}) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "sh", "-c", `"$@" > ${stdoutTo}`, "sh", ...argv], {
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`${argv.join(" ")} failed (${r.status}): ${r.stderr}`);
  const [wall, rssKb] = r.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { seconds: wall, rssMb: rssKb / 1024 };
}
