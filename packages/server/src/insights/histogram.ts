/** Equal-width histograms for the fleet charts. */
import { quantileSorted } from "@loupe/core";

export interface HistogramBin {
  /** Inclusive lower edge. */
  readonly from: number;
  /** Exclusive upper edge, except for the last bin, which includes it (so the maximum is counted). */
  readonly to: number;
  readonly count: number;
}

export const DEFAULT_BIN_COUNT = 20;

/**
 * `binCount` equal-width bins from the smallest to the largest value; one bin when every value is equal
 * (a width of zero has no bins to split), none for no values. Non-finite values are left out: they have
 * no place on an axis.
 */
export function histogram(values: ArrayLike<number>, binCount = DEFAULT_BIN_COUNT): readonly HistogramBin[] {
  if (!Number.isInteger(binCount) || binCount < 1) {
    throw new RangeError(`histogram: binCount must be a positive integer, got ${binCount}`);
  }
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (Number.isFinite(value)) finite.push(value);
  }
  if (finite.length === 0) return [];
  let min = finite[0] as number;
  let max = min;
  for (const value of finite) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === max) return [{ from: min, to: max, count: finite.length }];

  const step = binStep(min, max, binCount);
  const edges = binEdges(min, max, binCount);
  const counts = new Array<number>(binCount).fill(0);
  for (const value of finite) {
    // The arithmetic guess can be off where rounding puts a value next to an edge (or the step underflows
    // to 0 between subnormals); the edges themselves are what the response shows, so they decide.
    const guess = Math.floor((value - min) / step);
    let bin = Number.isFinite(guess) ? Math.max(0, Math.min(binCount - 1, guess)) : 0;
    while (bin > 0 && value < (edges[bin] as number)) bin--;
    while (bin < binCount - 1 && value >= (edges[bin + 1] as number)) bin++;
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts.map((count, i) => ({ from: edges[i] as number, to: edges[i + 1] as number, count }));
}

/** The bin width, for the first guess only (it may overflow to Infinity or underflow to 0). */
function binStep(min: number, max: number, binCount: number): number {
  return (max - min) / binCount;
}

/**
 * binCount + 1 non-decreasing edges from exactly `min` to exactly `max`. Interpolated as
 * min·(1 - f) + max·f, which stays finite for any finite min and max (max - min need not be).
 */
function binEdges(min: number, max: number, binCount: number): number[] {
  const edges: number[] = [min];
  for (let i = 1; i < binCount; i++) {
    const f = i / binCount;
    const edge = min * (1 - f) + max * f;
    edges.push(Math.min(max, Math.max(edges[i - 1] as number, edge)));
  }
  edges.push(max);
  return edges;
}

/** Tukey's "far out" fence: values beyond Q3 + 3·IQR are outliers whatever the distribution's scale. */
const FAR_OUT_IQRS = 3;

/**
 * Like `histogram`, but when the outliers (beyond Q3 + 3·IQR) span more of the axis than everything else
 * (a few slow sessions among many), they get one last bin of their own, `(fence, max]`, and the other
 * `binCount - 1` bins split the rest: otherwise a handful of outliers leave most bins empty and the
 * shape of the fleet in one or two bars. The tail bin's `from` is the fence, exclusive.
 */
export function histogramWithTail(
  values: ArrayLike<number>,
  binCount = DEFAULT_BIN_COUNT,
): readonly HistogramBin[] {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  const min = sorted[0];
  const max = sorted.at(-1);
  if (binCount < 3 || min === undefined || max === undefined) return histogram(sorted, binCount);
  const q1 = quantileSorted(sorted, 0.25);
  const q3 = quantileSorted(sorted, 0.75);
  const cut = q3 + FAR_OUT_IQRS * (q3 - q1);
  if (!(cut < max && max - cut > cut - min) || cut <= min) return histogram(sorted, binCount);
  const inTail = sorted.length - upperBound(sorted, cut);
  const body = histogram(sorted.subarray(0, sorted.length - inTail), binCount - 1);
  return [...body, { from: cut, to: max, count: inTail }];
}

/** The index of the first value greater than `value` in ascending `sorted`. */
function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as number) <= value) low = mid + 1;
    else high = mid;
  }
  return low;
}
