/**
 * Order statistics without a full sort: after `selectInPlace(a, k, from, to)`, a[k] holds the value a sort
 * would put there, everything in [from, k) is ≤ it and everything in (k, to) is ≥ it. Linear on average
 * (quickselect with a median-of-three pivot); a range that stops shrinking fast enough is sorted instead,
 * so hostile orderings cannot make it quadratic.
 */
export function selectInPlace(a: Float64Array, k: number, from = 0, to = a.length): void {
  let lo = from;
  let hi = to - 1;
  let budget = 2 * Math.ceil(Math.log2(to - from + 1)) + 8;
  while (hi > lo) {
    if (budget-- === 0 || hi - lo < 16) {
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const pivot = medianOfThree(a[lo] as number, a[(lo + hi) >>> 1] as number, a[hi] as number);
    // Hoare partition: [lo, j] ≤ pivot ≤ [i, hi].
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i] = a[j] as number;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return; // j < k < i: a[k] equals the pivot and is in place.
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
}

/** The smallest value in a[from, to). */
export function minimumOf(a: ArrayLike<number>, from: number, to: number): number {
  let m = a[from] as number;
  for (let i = from + 1; i < to; i++) if ((a[i] as number) < m) m = a[i] as number;
  return m;
}
