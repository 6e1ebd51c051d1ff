/**
 * Memory of a few `loupe serve` processes over time, per window: resident memory from /proc every
 * second, and the V8 heap in use from their /metrics every 5 s (which tells a growing heap, a leak, from
 * RSS that moves for other reasons: allocator pages, buffers). A window's figure per process is the lowest
 * sample: the level garbage collection comes back to, which a leak raises, rather than the sawtooth
 * between collections.
 */
import { rssMb } from "./proc-stats.js";

export interface MemoryWindow {
  /** Per process, MB. */
  readonly rssMb: readonly number[];
  readonly heapUsedMb: readonly number[];
}

interface Sampled {
  readonly pid: () => number;
  readonly url: string;
}

export function sampleMemory(
  processes: readonly Sampled[],
  windowOf: () => number,
): { stop(): MemoryWindow[] } {
  const rss: number[][][] = [];
  const heap: number[][][] = [];
  const push = (into: number[][][], values: number[]) => {
    const window = windowOf();
    into[window] = [...(into[window] ?? []), values];
  };
  const rssTimer = setInterval(
    () =>
      push(
        rss,
        processes.map((p) => rssMb(p.pid())),
      ),
    1000,
  );
  const heapTimer = setInterval(() => {
    void Promise.all(processes.map((p) => heapUsedMb(p.url))).then((values) => push(heap, values));
  }, 5000);
  const lowest = (rows: readonly number[][] | undefined, i: number) =>
    Math.min(...(rows ?? []).map((row) => row[i] ?? Number.NaN).filter((v) => !Number.isNaN(v)));
  return {
    stop() {
      clearInterval(rssTimer);
      clearInterval(heapTimer);
      const windows = Math.max(rss.length, heap.length);
      return Array.from({ length: windows }, (_, w) => ({
        rssMb: processes.map((_, i) => lowest(rss[w], i)),
        heapUsedMb: processes.map((_, i) => lowest(heap[w], i)),
      }));
    },
  };
}

async function heapUsedMb(url: string): Promise<number> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const match = /^loupe_nodejs_heap_size_used_bytes (\d+(?:\.\d+)?)/m.exec(text);
    return match === null ? Number.NaN : Number(match[1]) / 1024 / 1024;
  } catch {
    return Number.NaN;
  }
}
