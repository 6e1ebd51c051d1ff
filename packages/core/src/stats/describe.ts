import { compensatedSum, compensatedSumOfSquaredDeviations } from "./compensated-sum.js";
import { containsNaN } from "./contains-nan.js";
import { medianSorted, quantileSorted } from "./quantile.js";

export { quantileSorted } from "./quantile.js";

/** Summary statistics of one series, as the dashboard and `loupe analyze` show them. */
export interface SeriesStats {
  readonly count: number;
  readonly min: number;
  readonly max: number;
  /** Arithmetic mean from a compensated (Neumaier) sum. */
  readonly mean: number;
  /** Middle value; the mean of the two middle values for an even count. */
  readonly median: number;
  /** 95th percentile, NumPy's default linear interpolation (`np.percentile(x, 95)`), bit for bit. */
  readonly p95: number;
  /** Population standard deviation (ddof = 0, like `np.std`), two-pass. */
  readonly std: number;
}

/**
 * Summary statistics of `values` in any order; null for an empty input. The input is not modified: a
 * Float64Array copy is sorted with the native numeric sort (no comparator calls), which also makes every
 * result independent of the input order.
 *
 * Values are expected to be finite (the parser drops nan/inf). A NaN anywhere makes every statistic but
 * `count` NaN, as in NumPy.
 */
export function describeValues(values: ArrayLike<number>): SeriesStats | null {
  if (values.length === 0) return null;
  const sorted = new Float64Array(values);
  sorted.sort();
  return describeSorted(sorted);
}

/**
 * Same as `describeValues` for a sample already in ascending order (saves the copy and the sort when the
 * caller has sorted values anyway). The order is trusted, not checked.
 */
export function describeSorted(sorted: ArrayLike<number>): SeriesStats | null {
  const count = sorted.length;
  if (count === 0) return null;
  if (containsNaN(sorted)) {
    return {
      count,
      min: Number.NaN,
      max: Number.NaN,
      mean: Number.NaN,
      median: Number.NaN,
      p95: Number.NaN,
      std: Number.NaN,
    };
  }
  // "+ 0" turns -0 into 0: C's %f prints tiny negatives as "-0.000000", and "-0" should not reach a screen.
  const min = (sorted[0] as number) + 0;
  const max = (sorted[count - 1] as number) + 0;
  // The exact mean lies in [min, max]; clamping only removes a last-bit rounding excursion (e.g. so that
  // the mean of a constant series is that constant and its std exactly 0).
  const mean = clamp(compensatedSum(sorted) / count, min, max);
  const std = Math.sqrt(compensatedSumOfSquaredDeviations(sorted, mean) / count);
  return {
    count,
    min,
    max,
    mean,
    median: medianSorted(sorted) + 0,
    p95: quantileSorted(sorted, 0.95) + 0,
    std,
  };
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
