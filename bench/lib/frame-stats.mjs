// Frame statistics of the browser benchmark's scrolls: quantiles, and the median of several uncapped
// runs with the CPU each Chromium process used per frame and the machine's load average.
import { loadavg } from "node:os";
import { cpuByType, cpuSnapshot } from "./chromium-cpu.mjs";

export const quantile = (values, q) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
export const median = (values) => quantile(values, 0.5);
export const ms = (v) => `${v.toFixed(1)} ms`;

/**
 * `count` uncapped scrolls; the one whose `metric` of frame times is the median, with its frame times (the
 * intervals after steps that moved the scroller), the CPU each Chromium process type used per frame,
 * the 1-minute load average when it ended, and every run's metric.
 */
export async function medianRun(scroll, metric, count, marker) {
  const runs = [];
  for (let i = 0; i < count; i++) {
    // `scroll(measured)` calls measured(record) with the page open: CPU is read around the scroll only.
    const result = await scroll(async (record) => {
      const before = cpuSnapshot(marker);
      const recorded = await record();
      return { ...recorded, cpu: cpuByType(before, cpuSnapshot(marker)) };
    });
    const times = result.intervals.filter((_, j) => result.moved[j]);
    runs.push({ ...result, times, load: loadavg()[0], value: metric(times) });
  }
  const sorted = [...runs].sort((a, b) => a.value - b.value);
  const chosen = sorted[Math.floor((sorted.length - 1) / 2)];
  return { ...chosen, runs: runs.map((r) => `${r.value.toFixed(1)} (load ${r.load.toFixed(1)})`).join(", ") };
}

export function describeRun(run) {
  const frames = run.intervals.length;
  const perFrame = (type) => ((run.cpu[type] ?? 0) / frames).toFixed(1);
  const loadingShare = share(run.loading.filter((_, i) => run.moved[i]));
  // Frames that drew loaded rows only (no placeholder on screen at either end of the interval): what
  // scrolling costs where the data has kept up.
  const loaded = run.intervals.filter((_, i) => run.moved[i] && !run.loading[i] && !run.loading[i - 1]);
  return [
    `median ${ms(median(run.times))}, p95 ${ms(quantile(run.times, 0.95))}, max ${ms(Math.max(...run.times))} over ${run.times.length} scrolling frames in ${(run.elapsed / 1000).toFixed(1)} s`,
    `${loadingShare} of them with rows still loading; the ${loaded.length} with loaded rows only: median ${ms(median(loaded))}, p95 ${ms(quantile(loaded, 0.95))}`,
    `CPU per frame: page ${perFrame("renderer")} ms, GPU process ${perFrame("gpu-process")} ms, browser ${perFrame("browser")} ms`,
    `load average ${run.load.toFixed(1)}`,
  ].join("; ");
}

export const share = (flags) =>
  `${((100 * flags.filter(Boolean).length) / Math.max(1, flags.length)).toFixed(0)}%`;
