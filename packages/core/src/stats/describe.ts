import { containsNaN } from "./contains-nan.js";
import { exactSum, exactSumOfSquaredDeviations } from "./exact-sum.js";
import { lerpLikeNumpy, medianSorted, quantileSorted } from "./quantile.js";
import { minimumOf, selectInPlace } from "./select.js";

export { medianSorted, quantileSorted } from "./quantile.js";

/** Summary statistics of one series, as the dashboard and `loupe analyze` show them. */
export interface SeriesStats {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Arithmetic mean of the correctly rounded sum (independent of the values' order). */
  readonly mean: number;
  /** Middle value; the mean of the two middle values for an even count. */
  readonly median: number;
  /** 95th percentile, NumPy's default linear interpolation (`np.percentile(x, 95)`), bit for bit. */
  readonly p95: number;
  /** Population standard deviation (ddof = 0, like `np.std`), two-pass. */
  readonly std: number;
}

/**
 * Summary statistics of `values` in any order; null for an empty input. The input is not modified. No
 * full sort: min, max, the sums are linear passes and the median and p95 are order statistics found by
 * selection on a copy, so a series of millions of points costs milliseconds. The result depends only on
 * the multiset of values: equal to `describeSorted` of the sorted values, bit for bit.
 *
 * Values are expected to be finite (the parser drops nan/inf). A NaN anywhere makes every statistic but
 * `count` NaN, as in NumPy.
 */
export function describeValues(values: ArrayLike<number>): SeriesStats | null {
  const count = values.length;
  if (count === 0) return null;
  const a = new Float64Array(values);
  if (containsNaN(a)) return allNaN(count);
  let min = a[0] as number;
  let max = min;
  for (let i = 1; i < count; i++) {
    const x = a[i] as number;
    if (x < min) min = x;
    else if (x > max) max = x;
  }
  const upperMiddle = count >> 1;
  const medianIndex = count % 2 === 1 ? upperMiddle : upperMiddle - 1;
  selectInPlace(a, medianIndex);
  const median =
    count % 2 === 1
      ? (a[medianIndex] as number)
      : medianSorted([a[medianIndex] as number, minimumOf(a, upperMiddle, count)]);
  // The p95's position is at or after the median's, so it is found among the values selection left on the right.
  const virtualIndex = (count - 1) * 0.95;
  let p95 = max;
  if (virtualIndex < count - 1) {
    const lower = Math.floor(virtualIndex);
    if (lower > medianIndex) selectInPlace(a, lower, medianIndex + 1, count);
    p95 = lerpLikeNumpy(a[lower] as number, minimumOf(a, lower + 1, count), virtualIndex - lower);
  }
  return summary(a, count, min, max, median, p95);
}

/**
 * Same as `describeValues` for a sample already in ascending order (saves the copy and the sort when the
 * caller has sorted values anyway). The order is trusted, not checked.
 */
export function describeSorted(sorted: ArrayLike<number>): SeriesStats | null {
  const count = sorted.length;
  if (count === 0) return null;
  if (containsNaN(sorted)) return allNaN(count);
  return summary(
    sorted,
    count,
    sorted[0] as number,
    sorted[count - 1] as number,
    medianSorted(sorted),
    quantileSorted(sorted, 0.95),
  );
}

function summary(
  values: ArrayLike<number>,
  count: number,
  min: number,
  max: number,
  median: number,
  p95: number,
): SeriesStats {
  // "+ 0" turns -0 into 0: C's %f prints tiny negatives as "-0.000000", and "-0" should not reach a screen.
  min += 0;
  max += 0;
  // The exact mean lies in [min, max]; clamping only removes a last-bit rounding excursion (e.g. so that
  // the mean of a constant series is that constant and its std exactly 0).
  const mean = clamp(exactSum(values) / count, min, max);
  const std = Math.sqrt(exactSumOfSquaredDeviations(values, mean) / count);
  return { count, min, max, mean, median: median + 0, p95: p95 + 0, std };
}

function allNaN(count: number): SeriesStats {
  const nan = Number.NaN;
  return { count, min: nan, max: nan, mean: nan, median: nan, p95: nan, std: nan };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
