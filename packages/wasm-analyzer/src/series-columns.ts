/** Copies the series the scanner module holds (in blocks) out into one pair of columns each. */
import { METRIC_DEFINITIONS, type Series } from "@loupe/core";
import type { Scanner } from "./scanner-module.js";

export function copySeriesOut(scanner: Scanner): Series[] {
  const { x } = scanner;
  const blockPoints = x.blockPoints();
  return METRIC_DEFINITIONS.map((_, d) => {
    const count = x.pointCount(d);
    const t = new Float64Array(count);
    const v = new Float64Array(count);
    const memory = scanner.views.f64;
    for (let block = 0; block * blockPoints < count; block++) {
      const n = Math.min(blockPoints, count - block * blockPoints);
      const times = x.blockAddress(d, block) / 8;
      t.set(memory.subarray(times, times + n), block * blockPoints);
      v.set(memory.subarray(times + blockPoints, times + blockPoints + n), block * blockPoints);
    }
    return { t, v };
  });
}

/** Empty columns, for callers that only want statistics. */
export function noSeries(): Series[] {
  return METRIC_DEFINITIONS.map(() => ({ t: new Float64Array(0), v: new Float64Array(0) }));
}
