/**
 * Numbers as the C logger prints them. Metric values go through `%f`; a few builds print `%e`; a division
 * by zero frames prints NaN, spelled differently by each C runtime.
 */
import type { ByteSink } from "./byte-sink.js";
import type { Rng } from "./rng.js";
import type { ClientPlatform } from "./users.js";

/** Above this, `writeFixed` leaves the value to toFixed (and the integer part still fits 31 bits). */
const FAST_FIXED_LIMIT = 1e9;

/**
 * `%f` (always six decimals), byte for byte as `value.toFixed(6)` spells it, written straight into
 * `sink`: toFixed costs ~90 ns and a string, and a log prints ~10 such values a second.
 *
 * toFixed rounds the exact value to the nearest millionth, ties up. `value * 1e6` is that value scaled,
 * off by at most 2^-53 of itself from its own rounding, so Math.round of it gives the same millionths
 * unless the product lies that close to a tie (k + 0.5). Where it lies within 2^-50 of itself of one
 * (a wide margin), toFixed decides instead. c-format.test.ts checks this against toFixed.
 */
export function writeFixed(sink: ByteSink, value: number): void {
  const scaled = value * 1e6;
  const fromTie = scaled - Math.floor(scaled) - 0.5;
  // Also excludes NaN, negative values (toFixed writes `-0.000000` for tiny ones) and huge ones.
  if (!(value >= 0 && value < FAST_FIXED_LIMIT && Math.abs(fromTie) > scaled * 2 ** -50)) {
    sink.text(value.toFixed(6));
    return;
  }
  const micros = Math.round(scaled);
  // micros < 2^50, so the quotient is close enough to an integer never to round across one.
  const whole = Math.floor(micros / 1e6);
  sink.digits(whole, 1);
  sink.byte(0x2e); // '.'
  sink.digits(micros - whole * 1e6, 6);
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

  /** The number itself when it is printed with `%f` (see writeFixed), else the text printed for it. */
  value(value: number, time: number): number | string {
    const due = this.invalidAt[this.nextInvalid];
    if (due !== undefined && time >= due) {
      this.nextInvalid++;
      return nonFiniteToken(this.rng, this.platform);
    }
    if (this.rng.next() < 0.0003) return formatExponent(value);
    return value;
  }
}

/** `count` moments spread at random over [from, to), ascending. */
export function chooseMoments(rng: Rng, count: number, from: number, to: number): number[] {
  const moments: number[] = [];
  for (let i = 0; i < count; i++) moments.push(rng.uniform(from, to));
  return moments.sort((a, b) => a - b);
}
