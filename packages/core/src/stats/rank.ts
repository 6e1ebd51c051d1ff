import { averageRanksOfSorted, lowerBound } from "./tie-runs.js";

/**
 * Average ranks ("fractional ranking", SciPy's `rankdata(method="average")`): 1-based ranks where tied
 * values all get the mean of the ranks they span, e.g. [10, 20, 20, 30] -> [1, 2.5, 2.5, 4].
 *
 * A NaN has no place in the order: its rank is NaN, and the other values are ranked among themselves.
 * -0 and +0 are tied (they compare equal). The input is not modified.
 */
export function rankAverage(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  // Native numeric sort of a copy plus one binary search per value: no comparator calls, no index objects.
  const sorted = new Float64Array(values);
  sorted.sort();
  let comparableCount = n;
  while (comparableCount > 0 && Number.isNaN(sorted[comparableCount - 1])) comparableCount--; // NaNs sort last
  const comparable = sorted.subarray(0, comparableCount);
  const rankAtSortedPosition = averageRanksOfSorted(comparable);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const value = values[i] as number;
    ranks[i] = Number.isNaN(value)
      ? Number.NaN
      : (rankAtSortedPosition[lowerBound(comparable, value)] as number);
  }
  return ranks;
}
