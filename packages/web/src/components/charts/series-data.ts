/**
 * From the API's columns to what uPlot draws: values in display units, times in order, and a null
 * where the log is silent for long, so the line breaks instead of drawing a straight bridge across
 * minutes without data. Pure, so it is unit-tested in Node.
 */
import { type ApiUnit, toDisplay } from "./format.js";

/** uPlot's columnar data for one series: [xs, ys], ys with null for gaps. */
export type ChartColumns = [number[], (number | null)[]];

/** A gap is a silence longer than this many typical steps, and at least `MIN_GAP_SECONDS`. */
const GAP_STEPS = 10;
const MIN_GAP_SECONDS = 5;

export function toChartColumns(t: readonly number[], v: readonly number[], unit: ApiUnit): ChartColumns {
  const n = Math.min(t.length, v.length);
  const order = timeOrder(t, n);
  const threshold = gapThreshold(t, order);
  const xs: number[] = [];
  const ys: (number | null)[] = [];
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const time = t[i] as number;
    if (k > 0) {
      const previous = xs[xs.length - 1] as number;
      if (time - previous > threshold) {
        xs.push((previous + time) / 2);
        ys.push(null);
      }
    }
    xs.push(time);
    ys.push(toDisplay(v[i] as number, unit));
  }
  return [xs, ys];
}

/**
 * Indices in time order. Logs step back a little when threads race (log-format.md keeps those points);
 * uPlot's cursor needs ascending x, so sort when (and only when) it is needed; the sort is stable.
 */
function timeOrder(t: readonly number[], n: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = (t[i] as number) >= (t[i - 1] as number);
  if (!sorted) order.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
  return order;
}

function gapThreshold(t: readonly number[], order: readonly number[]): number {
  if (order.length < 3) return Number.POSITIVE_INFINITY;
  const steps: number[] = [];
  for (let k = 1; k < order.length; k++) {
    steps.push((t[order[k] as number] as number) - (t[order[k - 1] as number] as number));
  }
  steps.sort((a, b) => a - b);
  const median = steps[steps.length >> 1] as number;
  return Math.max(MIN_GAP_SECONDS, median * GAP_STEPS);
}

/** The time span covered by several series (the shared axis of the four charts); null when all are empty. */
export function timeExtent(
  columns: readonly (readonly number[] | null | undefined)[],
): [number, number] | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const t of columns) {
    if (!t) continue;
    for (const time of t) {
      if (time < min) min = time;
      if (time > max) max = time;
    }
  }
  if (min > max) return null;
  // A single moment still needs a visible width: a second either side.
  return min === max ? [min - 1, max + 1] : [min, max];
}

/** When the two logs do not overlap in time at all: their spans, to say so above the charts. */
export function disjointSpans(
  client: [number, number] | null,
  server: [number, number] | null,
): { client: [number, number]; server: [number, number] } | null {
  if (client === null || server === null) return null;
  const apart = client[1] < server[0] || server[1] < client[0];
  return apart ? { client, server } : null;
}
