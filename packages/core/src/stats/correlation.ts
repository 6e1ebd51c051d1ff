import { compensatedSum } from "./compensated-sum.js";
import { rankAverage } from "./rank.js";

/**
 * Pearson's correlation coefficient r of paired samples, in [-1, 1].
 *
 * null when it is undefined: fewer than 2 pairs, or either sample constant (zero variance), or a non-finite
 * result (NaN or an infinity among the values). Throws RangeError when the samples differ in length, which
 * is a caller bug rather than a data condition.
 *
 * Two-pass: means first, then sums of products of deviations, which avoids the cancellation of the
 * one-pass Σxy - n·x̄·ȳ formula when values are large relative to their spread (e.g. epoch timestamps).
 */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  const n = xs.length;
  if (ys.length !== n) throw new RangeError(`pearson: samples differ in length (${n} vs ${ys.length})`);
  // A constant sample is detected exactly, not through a deviation that rounding may leave non-zero.
  if (n < 2 || isConstant(xs) || isConstant(ys)) return null;
  const meanX = compensatedSum(xs) / n;
  const meanY = compensatedSum(ys) / n;
  let sumXX = 0;
  let sumYY = 0;
  let sumXY = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    const dy = (ys[i] as number) - meanY;
    sumXX += dx * dx;
    sumYY += dy * dy;
    sumXY += dx * dy;
  }
  // Square roots taken separately so that the product of the two sums cannot overflow or underflow.
  const r = sumXY / (Math.sqrt(sumXX) * Math.sqrt(sumYY));
  if (!Number.isFinite(r)) return null;
  // |r| <= 1 holds exactly (Cauchy–Schwarz); clamp the last-bit rounding excursions.
  return Math.min(Math.max(r, -1), 1);
}

/**
 * Spearman's rank correlation ρ: Pearson's r of the average ranks (ties share the mean of their ranks),
 * which is what SciPy's `spearmanr` computes. Same null cases and errors as `pearson`; a NaN value makes
 * the result null.
 */
export function spearman(xs: ArrayLike<number>, ys: ArrayLike<number>): number | null {
  if (ys.length !== xs.length) {
    throw new RangeError(`spearman: samples differ in length (${xs.length} vs ${ys.length})`);
  }
  if (xs.length < 2) return null;
  return pearson(rankAverage(xs), rankAverage(ys));
}

function isConstant(values: ArrayLike<number>): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) {
    if (values[i] !== first) return false;
  }
  return true;
}
