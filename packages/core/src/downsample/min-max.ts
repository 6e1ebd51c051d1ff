/** A series as parallel arrays: point i is (ts[i], vs[i]). */
export interface DownsampledSeries {
  ts: Float64Array;
  vs: Float64Array;
}

/**
 * Min–max downsampling of a series for charting, so that spikes survive where averaging would flatten them.
 *
 * - `maxPoints === 0` or `length <= maxPoints`: every point, copied.
 * - `maxPoints === 1`: the single point with the largest value (its first occurrence).
 * - otherwise the points are split by position into floor(maxPoints / 2) consecutive buckets whose sizes
 *   differ by at most one, and each bucket keeps the point with its smallest and the point with its
 *   largest value (first occurrences; one point when they are the same), in the original order.
 *
 * Hence at most maxPoints points come out, as a subsequence of the input that contains every bucket's
 * extremes and so the global minimum and maximum; running it again with the same maxPoints returns its
 * output unchanged. Buckets go by position, not by time, so small backward steps in `ts` (threads racing
 * in the logger) are harmless. NaN values are never picked as an extreme.
 *
 * Throws RangeError when the arrays differ in length or maxPoints is not a non-negative integer.
 */
export function downsampleMinMax(
  ts: ArrayLike<number>,
  vs: ArrayLike<number>,
  maxPoints: number,
): DownsampledSeries {
  const n = vs.length;
  if (ts.length !== n) throw new RangeError(`downsampleMinMax: ${ts.length} times but ${n} values`);
  if (!Number.isInteger(maxPoints) || maxPoints < 0) {
    throw new RangeError(`downsampleMinMax: maxPoints must be a non-negative integer, got ${maxPoints}`);
  }
  if (maxPoints === 0 || n <= maxPoints) return { ts: new Float64Array(ts), vs: new Float64Array(vs) };

  const bucketCount = Math.floor(maxPoints / 2);
  // Upper bound on the output; trimmed once at the end instead of growing per point.
  const capacity = maxPoints === 1 ? 1 : 2 * bucketCount;
  const outTs = new Float64Array(capacity);
  const outVs = new Float64Array(capacity);
  let count = 0;
  const keep = (index: number): void => {
    outTs[count] = ts[index] as number;
    outVs[count] = vs[index] as number;
    count++;
  };

  if (maxPoints === 1) {
    // No room for a (min, max) pair: the peak is what a chart of spikes must not lose.
    const extremes = bucketExtremes(vs, 0, n);
    if (extremes !== null) keep(extremes.maxIndex);
  } else {
    for (let bucket = 0; bucket < bucketCount; bucket++) {
      const start = Math.floor((bucket * n) / bucketCount);
      const end = Math.floor(((bucket + 1) * n) / bucketCount);
      const extremes = bucketExtremes(vs, start, end);
      if (extremes === null) continue;
      const { minIndex, maxIndex } = extremes;
      keep(Math.min(minIndex, maxIndex));
      if (maxIndex !== minIndex) keep(Math.max(minIndex, maxIndex));
    }
  }
  return { ts: outTs.slice(0, count), vs: outVs.slice(0, count) };
}

/**
 * Positions of the first minimum and the first maximum of vs[start, end); null when all are NaN.
 * One small object per bucket (not per point), so the cost stays in the comparison loop.
 */
function bucketExtremes(
  vs: ArrayLike<number>,
  start: number,
  end: number,
): { minIndex: number; maxIndex: number } | null {
  let first = start;
  while (first < end && Number.isNaN(vs[first])) first++;
  if (first === end) return null;
  let minIndex = first;
  let maxIndex = first;
  let minValue = vs[first] as number;
  let maxValue = minValue;
  for (let i = first + 1; i < end; i++) {
    const value = vs[i] as number;
    // Strict comparisons keep the first occurrence and never pick a NaN.
    if (value < minValue) {
      minValue = value;
      minIndex = i;
    } else if (value > maxValue) {
      maxValue = value;
      maxIndex = i;
    }
  }
  return { minIndex, maxIndex };
}
