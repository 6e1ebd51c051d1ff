import { containsNaN } from "./contains-nan.js";
import { normalCdf, normalSf } from "./normal.js";
import { averageRanksOfSorted, endOfTieRun, lowerBound } from "./tie-runs.js";

/** Which departure from "A and B come from the same distribution" the p-value measures. */
export type MannWhitneyAlternative = "greater" | "less" | "two-sided";

export interface MannWhitneyResult {
  /** U statistic of sample B (same as `uB`): pairs where b > a, plus half the tied pairs. */
  readonly u: number;
  /** U statistic of sample A; uA + uB = nA·nB. */
  readonly uA: number;
  readonly uB: number;
  /** Standardized, tie- and continuity-corrected statistic that `pValue` is read from; positive when B ranks higher. */
  readonly z: number;
  readonly pValue: number;
  /** Rank-biserial correlation (uB - uA) / (nA·nB) in [-1, 1]; positive when B tends to be larger. */
  readonly rankBiserial: number;
  /** Common-language effect size uB / (nA·nB) = P(B > A) + P(B = A) / 2, in [0, 1]. */
  readonly probabilityOfSuperiority: number;
  readonly nA: number;
  readonly nB: number;
}

/**
 * Mann–Whitney U test (Wilcoxon rank-sum) of samples A and B, asking whether B is stochastically greater
 * ("greater": B tends to be worse when larger means slower), less, or different from A. Normal
 * approximation with tie correction and continuity correction; matches SciPy's
 * `mannwhitneyu(b, a, alternative=..., method="asymptotic", use_continuity=True)` (statistic = uB):
 *
 *   uB = R_B - nB(nB + 1)/2, with R_B the sum of B's average ranks in the pooled sample; uA = nA·nB - uB
 *   μ = nA·nB/2,  σ = sqrt(nA·nB/12 · ((n + 1) - Σ(t³ - t) / (n(n - 1)))),  n = nA + nB,
 *   t = size of each group of tied values in the pooled sample
 *   "greater":   z = (uB - μ - 1/2) / σ,  p = 1 - Φ(z)
 *   "less":      z = (uB - μ + 1/2) / σ,  p = Φ(z)
 *   "two-sided": z = sign(uB - μ) · max(|uB - μ| - 1/2, 0) / σ,  p = min(1, 2·(1 - Φ(|z|)))
 *
 * (SciPy reads "less" from uA and "two-sided" from max(uA, uB); the formulas above are the same numbers.)
 * When every value is tied, σ = 0 and there is no evidence either way: z = 0, p = 1 (SciPy also gives 1).
 *
 * Returns null when either sample is empty or contains NaN. Infinities are ordinary (extreme) values.
 */
export function mannWhitneyU(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  alternative: MannWhitneyAlternative = "two-sided",
): MannWhitneyResult | null {
  const nA = a.length;
  const nB = b.length;
  if (nA === 0 || nB === 0 || containsNaN(a) || containsNaN(b)) return null;
  const n = nA + nB;
  const pooled = new Float64Array(n);
  pooled.set(a);
  pooled.set(b, nA);
  pooled.sort();

  const rankAtSortedPosition = averageRanksOfSorted(pooled);
  let rankSumB = 0;
  for (let i = 0; i < nB; i++) {
    rankSumB += rankAtSortedPosition[lowerBound(pooled, b[i] as number)] as number;
  }
  const uB = rankSumB - (nB * (nB + 1)) / 2;
  const uA = nA * nB - uB;

  const mean = (nA * nB) / 2;
  const variance = ((nA * nB) / 12) * (n + 1 - tieTerm(pooled) / (n * (n - 1)));
  const { z, pValue } =
    variance > 0 ? zAndPValue(uB - mean, Math.sqrt(variance), alternative) : { z: 0, pValue: 1 };

  return {
    u: uB,
    uA,
    uB,
    z,
    pValue,
    rankBiserial: (uB - uA) / (nA * nB),
    probabilityOfSuperiority: uB / (nA * nB),
    nA,
    nB,
  };
}

function zAndPValue(
  deviation: number,
  standardDeviation: number,
  alternative: MannWhitneyAlternative,
): { z: number; pValue: number } {
  // The continuity correction moves U half a step toward μ in the direction being tested, the p-value
  // then counts the whole probability mass at the observed U.
  if (alternative === "greater") {
    const z = (deviation - 0.5) / standardDeviation;
    return { z, pValue: normalSf(z) };
  }
  if (alternative === "less") {
    const z = (deviation + 0.5) / standardDeviation;
    return { z, pValue: normalCdf(z) };
  }
  const corrected = Math.max(Math.abs(deviation) - 0.5, 0) / standardDeviation;
  // (corrected > 0 guard: no -0 for a deviation within the correction)
  const z = deviation < 0 && corrected > 0 ? -corrected : corrected;
  return { z, pValue: Math.min(1, 2 * normalSf(corrected)) };
}

/** Σ (t³ - t) over the groups of tied values of a sorted sample (0 without ties). */
function tieTerm(sorted: Float64Array): number {
  let sum = 0;
  let start = 0;
  while (start < sorted.length) {
    const end = endOfTieRun(sorted, start);
    const size = end - start;
    sum += size * size * size - size;
    start = end;
  }
  return sum;
}
