/**
 * The soak (issue 5): a steady mixed dashboard load through nginx on the demo cluster for a long time,
 * cut into windows. Passes with no error at all, a last window's p99 no worse than twice the first's, and
 * the API processes' resident memory growing at most 10% from the first window to the last (the lowest
 * RSS sampled in each window: memory-samples.ts). The first
 * window and a pass over every distinct URL before it are the warm-up (caches filled, code optimised).
 * Run by `npm run bench -- soak` (10 minutes) and, shortened, by soak.test.ts in CI.
 */
import { dashboardPaths } from "./dashboard-paths.js";
import { startDemoCluster, waitUntilIngested } from "./demo-cluster.js";
import { type MemoryWindow, sampleMemory } from "./memory-samples.js";
import { type LoadSample, startSteadyLoad, visitEach } from "./steady-load.js";

export interface SoakOptions {
  readonly seconds: number;
  /** Demo connections (default 3,000). */
  readonly count?: number;
  /** Requests per second through nginx (default 100). */
  readonly rate?: number;
  readonly log?: (line: string) => void;
  /** See ClusterOptions.stopOnSignal. */
  readonly stopOnSignal?: boolean;
}

export interface SoakWindow {
  readonly requests: number;
  readonly errors: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Per API process, MB: the lowest sampled in the window (memory-samples.ts). */
  readonly rssMb: readonly number[];
  readonly heapUsedMb: readonly number[];
}

export interface SoakReport {
  readonly windows: readonly SoakWindow[];
  readonly errors: number;
  /** Up to 10 failed requests, as `path: why`. */
  readonly errorExamples: readonly string[];
  /** Last window's p99 over the first measured window's (after the warm-up window). */
  readonly p99Ratio: number;
  /**
   * Largest growth of one API process's RSS (0.05 = 5%) from the first third of the measured windows to
   * the last third (each third's median window): a process's RSS floor can sit 20% higher for a whole
   * minute and come back while its V8 heap stays flat (docs/benchmarks.md), which one window against one
   * would count as growth. A short soak compares its two measured windows.
   */
  readonly rssGrowth: number;
  readonly pass: { readonly errors: boolean; readonly p99Steady: boolean; readonly rss: boolean };
}

const P99_BOUND = 2;
const RSS_BOUND = 0.1;

export async function soak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => {});
  const demo = await startDemoCluster({
    count: options.count ?? 3000,
    // The load stands in for many people but comes from one address: no per-client rate limit.
    env: { LOUPE_RATE_LIMIT: "0" },
    ...(options.stopOnSignal === undefined ? {} : { stopOnSignal: options.stopOnSignal }),
  });
  try {
    const { url, apis } = demo.cluster;
    const ingested = await waitUntilIngested(url);
    log(`soak: ${ingested.total} logs ingested; warming up`);
    const paths = dashboardPaths(demo.manifest);
    await visitEach(url, paths.all);

    // A short soak in three windows (warm-up, first, last): p99 from as many requests as possible.
    const windowSeconds = options.seconds >= 300 ? 60 : options.seconds / 3;
    const windowCount = Math.max(3, Math.round(options.seconds / windowSeconds));
    const samples: LoadSample[][] = Array.from({ length: windowCount }, () => []);
    const windowOf = (ms: number) => Math.min(windowCount - 1, Math.floor(ms / 1000 / windowSeconds));
    const started = performance.now();
    const load = startSteadyLoad({
      baseUrl: url,
      rate: options.rate ?? 100,
      clients: 8,
      nextPath: paths.next,
      onSample: (sample) => samples[windowOf(sample.at)]?.push(sample),
    });
    const memory = sampleMemory(apis, () => windowOf(performance.now() - started));
    await new Promise((resolve) => setTimeout(resolve, windowCount * windowSeconds * 1000));
    const memoryWindows = memory.stop();
    await load.stop();

    const windows = samples.map((window, i) => summarise(window, memoryWindows[i]));
    for (const [i, w] of windows.entries()) {
      log(
        `soak window ${i + 1}/${windowCount}${i === 0 ? " (warm-up)" : ""}: ${w.requests} requests, ` +
          `${w.errors} errors, p50 ${w.p50.toFixed(1)} ms, p99 ${w.p99.toFixed(1)} ms, ` +
          `RSS ${w.rssMb.map((mb) => mb.toFixed(0)).join(" + ")} MB, ` +
          `V8 heap in use ${w.heapUsedMb.map((mb) => mb.toFixed(0)).join(" + ")} MB`,
      );
    }
    const failed = samples.flat().filter((sample) => sample.error !== undefined);
    const first = windows[1] as SoakWindow;
    const last = windows.at(-1) as SoakWindow;
    const p99Ratio = last.p99 / first.p99;
    const rssGrowth = memoryGrowth(windows.slice(1));
    return {
      windows,
      errors: failed.length,
      errorExamples: failed.slice(0, 10).map((sample) => `${sample.path}: ${sample.error}`),
      p99Ratio,
      rssGrowth,
      pass: { errors: failed.length === 0, p99Steady: p99Ratio <= P99_BOUND, rss: rssGrowth <= RSS_BOUND },
    };
  } finally {
    await demo.stop();
  }
}

function memoryGrowth(measured: readonly SoakWindow[]): number {
  const third = Math.max(1, Math.floor(measured.length / 3));
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)] as number;
  };
  const level = (windows: readonly SoakWindow[], i: number) =>
    median(windows.map((w) => w.rssMb[i] as number));
  const processes = measured[0]?.rssMb.length ?? 0;
  return Math.max(
    ...Array.from(
      { length: processes },
      (_, i) => level(measured.slice(-third), i) / level(measured.slice(0, third), i) - 1,
    ),
  );
}

function summarise(samples: readonly LoadSample[], memory: MemoryWindow | undefined): SoakWindow {
  const times = samples.map((sample) => sample.ms).sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] ?? Number.NaN;
  return {
    requests: samples.length,
    errors: samples.filter((sample) => sample.error !== undefined).length,
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? Number.NaN,
    rssMb: memory?.rssMb ?? [],
    heapUsedMb: memory?.heapUsedMb ?? [],
  };
}
