/**
 * `describeValues` of each series, computed by the scanner module (assembly/describe.ts) on the series it
 * holds: the same statistics bit for bit, without copying the values out or waiting for the JIT. Only once
 * the log is read (the module works in its input buffer).
 */
import { METRIC_DEFINITIONS, type SeriesStats } from "@loupe/core";
import type { Scanner } from "./scanner-module.js";

export function describeSeriesInWasm(scanner: Scanner): (SeriesStats | null)[] {
  const { x } = scanner;
  return METRIC_DEFINITIONS.map((_, d) => {
    const count = x.pointCount(d);
    if (count === 0) return null;
    x.describeSeriesAfterScan(d);
    const out = new Float64Array(x.memory.buffer, x.statsAddress(), 6);
    return {
      count,
      min: out[0] as number,
      max: out[1] as number,
      mean: out[2] as number,
      median: out[3] as number,
      p95: out[4] as number,
      std: out[5] as number,
    };
  });
}
