/**
 * Correctly rounded sums (Shewchuk's algorithm, as in Python's `math.fsum`): the result is the exact sum of
 * the inputs rounded once, so it does not depend on their order. That lets the statistics take values in
 * any order (no sort needed for the mean or the std) and still give the same bits for the same multiset.
 */

/** Adds x to the exact running total held as non-overlapping partials; returns the new partial count. */
function addToPartials(partials: Float64Array, count: number, x: number): number {
  let i = 0;
  for (let j = 0; j < count; j++) {
    let y = partials[j] as number;
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) partials[i++] = lo;
    x = hi;
  }
  partials[i++] = x;
  return i;
}

/** The partials summed from the top, with the half-way correction of `math.fsum` (round half even). */
function roundPartials(partials: Float64Array, count: number): number {
  if (count === 0) return 0;
  let n = count - 1;
  let hi = partials[n] as number;
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = partials[--n] as number;
    hi = x + y;
    const yr = hi - x;
    lo = y - yr;
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && (partials[n - 1] as number) < 0) || (lo > 0 && (partials[n - 1] as number) > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * Non-overlapping partials grow by at least 53 bits of magnitude each, so the double range (about 2,100
 * binary orders) never needs more than ~40; 128 leaves room without allocating per value.
 */
const MAX_PARTIALS = 128;

/** Σ values, correctly rounded. */
export function exactSum(values: ArrayLike<number>): number {
  const partials = new Float64Array(MAX_PARTIALS);
  let count = 0;
  let plain = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i] as number;
    plain += x;
    count = addToPartials(partials, count, x);
  }
  // Infinities and NaN cannot be held in partials: the plain sum says what the answer is.
  return Number.isFinite(plain) ? roundPartials(partials, count) : plain;
}

/** Σ (x − center)², each square rounded once, the sum correctly rounded: a two-pass variance's second pass. */
export function exactSumOfSquaredDeviations(values: ArrayLike<number>, center: number): number {
  const partials = new Float64Array(MAX_PARTIALS);
  let count = 0;
  let plain = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - center;
    const x = d * d;
    plain += x;
    count = addToPartials(partials, count, x);
  }
  return Number.isFinite(plain) ? roundPartials(partials, count) : plain;
}
