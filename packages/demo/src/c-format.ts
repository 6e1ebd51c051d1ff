/**
 * Numbers as the C logger prints them. Metric values go through `%f`; a few builds print `%e`; a division
 * by zero frames prints NaN, spelled differently by each C runtime.
 */
import type { Rng } from "./rng.js";
import type { ClientPlatform } from "./users.js";

/** `%f`: always six decimals. */
export function formatFixed(value: number): string {
  return value.toFixed(6);
}

/** `%e`: six decimals and an exponent of at least two digits (`4.121000e-03`, where JS writes `e-3`). */
export function formatExponent(value: number): string {
  const text = value.toExponential(6);
  const e = text.indexOf("e");
  const sign = text.charAt(e + 1);
  const digits = text.slice(e + 2);
  return `${text.slice(0, e)}e${sign}${digits.length < 2 ? `0${digits}` : digits}`;
}

/** How the platform's printf spells a non-finite value: MSVC `-nan(ind)`, glibc `-nan`/`nan`, or `inf`. */
export function nonFiniteToken(rng: Rng, platform: ClientPlatform): string {
  if (rng.chance(0.15)) return "inf";
  if (platform === "windows") return "-nan(ind)";
  if (platform === "linux") return rng.chance(0.5) ? "-nan" : "nan";
  return "nan";
}

/**
 * Formats metric values for one log: `%f` nearly always, `%e` once in a few thousand values, and a few
 * non-finite values at moments chosen in advance (`invalidAt`, session seconds, ascending).
 */
export class MetricFormatter {
  private nextInvalid = 0;

  constructor(
    private readonly rng: Rng,
    private readonly platform: ClientPlatform,
    private readonly invalidAt: readonly number[],
  ) {}

  format(value: number, time: number): string {
    const due = this.invalidAt[this.nextInvalid];
    if (due !== undefined && time >= due) {
      this.nextInvalid++;
      return nonFiniteToken(this.rng, this.platform);
    }
    if (this.rng.next() < 0.0003) return formatExponent(value);
    return value.toFixed(6);
  }
}

/** `count` moments spread at random over [from, to), ascending. */
export function chooseMoments(rng: Rng, count: number, from: number, to: number): number[] {
  const moments: number[] = [];
  for (let i = 0; i < count; i++) moments.push(rng.uniform(from, to));
  return moments.sort((a, b) => a - b);
}
