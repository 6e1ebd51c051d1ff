// Helpers over a sorted sample, shared by the rank-based statistics.

/**
 * For a sample in ascending order (no NaN), the average rank of the value at each position: a run of t
 * equal values at 0-based positions i..i+t-1 all get rank i + (t + 1) / 2.
 */
export function averageRanksOfSorted(sorted: ArrayLike<number>): Float64Array {
  const n = sorted.length;
  const ranks = new Float64Array(n);
  let start = 0;
  while (start < n) {
    const end = endOfTieRun(sorted, start);
    ranks.fill(start + (end - start + 1) / 2, start, end);
    start = end;
  }
  return ranks;
}

/** The exclusive end of the run of values equal to `sorted[start]`. */
export function endOfTieRun(sorted: ArrayLike<number>, start: number): number {
  const value = sorted[start];
  let end = start + 1;
  while (end < sorted.length && sorted[end] === value) end++;
  return end;
}

/** The first position in ascending, NaN-free `sorted` whose value is not less than `value`. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
