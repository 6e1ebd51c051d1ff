/**
 * Quantiles of an already sorted (ascending) sample, defined exactly as NumPy's default
 * `np.quantile(x, q, method="linear")` (Hyndman & Fan definition 7) so that results match NumPy bit for bit:
 *
 *   h = (n - 1) * q,  lo = floor(h),  t = h - lo
 *   result = lerp(sorted[lo], sorted[lo + 1], t)   (sorted[n - 1] when h >= n - 1)
 *
 * `lerp` reproduces NumPy's `_lerp` operation for operation (see `lerpLikeNumpy`).
 */

/**
 * NumPy's `_lerp(a, b, t)`: `a + (b - a) * t`, but `b - (b - a) * (1 - t)` when t >= 0.5. Anchoring on the
 * nearer end keeps the result exact at t = 1 and monotone in t; reproducing it keeps us bit-identical with
 * NumPy. Equal ends return `a` directly: same result for finite values, and no NaN from `inf - inf`.
 */
export function lerpLikeNumpy(a: number, b: number, t: number): number {
  if (a === b) return a;
  const difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/**
 * The q-quantile (0 <= q <= 1) of `sorted`, which must be in ascending order and non-empty.
 * Throws RangeError for an empty sample or q outside [0, 1] (both are caller bugs, not data problems).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("quantileSorted: empty sample");
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const virtualIndex = (n - 1) * q;
  // NumPy clamps indexes at or past the last element to the last element.
  if (virtualIndex >= n - 1) return sorted[n - 1] as number;
  const lower = Math.floor(virtualIndex);
  return lerpLikeNumpy(sorted[lower] as number, sorted[lower + 1] as number, virtualIndex - lower);
}

/**
 * The median of a sorted, non-empty sample: the middle value, or for an even count the mean of the two
 * middle values, `(a + b) / 2` as NumPy's `np.median` computes it. Only when that sum overflows (both
 * near ±1.8e308) do we halve first, where NumPy would return an infinity.
 */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("medianSorted: empty sample");
  const upperMiddle = Math.floor(n / 2);
  if (n % 2 === 1) return sorted[upperMiddle] as number;
  const a = sorted[upperMiddle - 1] as number;
  const b = sorted[upperMiddle] as number;
  const sum = a + b;
  if (!Number.isFinite(sum) && Number.isFinite(a) && Number.isFinite(b)) return a / 2 + b / 2;
  return sum / 2;
}
