/**
 * Sum with Neumaier's compensation (an improved Kahan–Babuška sum): the rounding error of every addition
 * is collected in a second accumulator and added back at the end, so the result is accurate to about one
 * rounding of the exact sum even for 10 million values of mixed magnitude, where a plain loop can lose
 * several digits.
 *
 * Infinities make the compensation term NaN (inf - inf), so a non-finite running sum is returned as is.
 */
export function compensatedSum(values: ArrayLike<number>): number {
  let sum = 0;
  let compensation = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const x = values[i] as number;
    const next = sum + x;
    // Whichever operand is larger in magnitude keeps its low-order bits; recover the lost ones of the other.
    if (Math.abs(sum) >= Math.abs(x)) {
      compensation += sum - next + x;
    } else {
      compensation += x - next + sum;
    }
    sum = next;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}

/**
 * Σ (x - center)², with the same compensation as `compensatedSum`: the second pass of a two-pass variance.
 * Squaring each deviation in the loop (instead of mapping into a new array) avoids allocating per call.
 */
export function compensatedSumOfSquaredDeviations(values: ArrayLike<number>, center: number): number {
  let sum = 0;
  let compensation = 0;
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] as number) - center;
    const x = deviation * deviation;
    const next = sum + x;
    if (sum >= x) {
      compensation += sum - next + x;
    } else {
      compensation += x - next + sum;
    }
    sum = next;
  }
  return Number.isFinite(sum) ? sum + compensation : sum;
}
