/**
 * Words and numbers for the fleet insights: metric names and units, test results, correlation strength,
 * and the axes of the small charts. Pure functions (insights-format.test.ts).
 */
import type { MetricName } from "../../api/types.js";
import { formatKB, formatMs, NONE } from "../../format/format.js";

/** Patterns fetched once for the panel (which shows the first rows until asked for more) and the chip. */
export const PATTERN_LIMIT = 50;
export const PATTERN_ROWS = 10;

export const METRIC_NAMES: Readonly<Record<MetricName, string>> = {
  latency: "Latency",
  decode_time: "Decode time",
  encode_time: "Encode time",
  encode_size: "Encode size",
};

/** Latency and the two times are seconds on the wire, encode size is bytes. */
export function formatMetric(metric: MetricName, value: number | null | undefined): string {
  return metric === "encode_size" ? formatKB(value) : formatMs(value);
}

const fixed2 = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 0.0031 → "p = 0.003", 0.00001 → "p < 0.001", 0.42 → "p = 0.42". */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return `p = ${NONE}`;
  if (p < 0.001) return "p < 0.001";
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  return `p = ${fixed2.format(p)}`;
}

/** A coefficient or effect size in [-1, 1], always with two decimals and a true minus sign. */
export function formatCoefficient(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  const text = fixed2.format(Math.abs(value));
  return value < 0 && text !== "0.00" ? `−${text}` : text;
}

/** Cohen's rough bands for |r|: how a first-time reader should take a coefficient. */
export function correlationWords(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return "not enough data";
  const size = Math.abs(r);
  const strength = size < 0.1 ? "no" : size < 0.3 ? "weak" : size < 0.5 ? "moderate" : "strong";
  if (strength === "no") return "no relation";
  return `${strength} ${r > 0 ? "positive" : "negative"}`;
}

const dateOnly = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});

/** ISO → "27 May 2020" (UTC). */
export function formatDate(iso: string | null | undefined): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? NONE : dateOnly.format(time);
}

/** `count` of `total` as a share: "55%", "0.3%", "<0.1%". */
export function formatShare(count: number, total: number | null | undefined): string {
  if (!total || total <= 0) return NONE;
  const percent = (count / total) * 100;
  if (percent === 0) return "0%";
  if (percent < 0.1) return "<0.1%";
  if (percent < 10) return `${percent.toFixed(1)}%`;
  return `${Math.round(percent)}%`;
}

function round(value: number): number {
  return Number.parseFloat(value.toPrecision(12));
}

/**
 * Error counts are skewed (most sessions 0–5, a few hundreds): a log(1 + x) axis keeps both visible.
 * `errorPosition` maps a count to 0…1 of the axis whose top is `max`.
 */
export function errorPosition(errors: number, max: number): number {
  if (max <= 0) return 0;
  return Math.log1p(Math.max(0, errors)) / Math.log1p(max);
}

/** Ticks for the log(1 + x) axis: 0, 1, 2, 5, 10, 20, 50 … up to the first one ≥ max. */
export function errorTicks(max: number): number[] {
  const ticks = [0];
  for (let magnitude = 1; ticks.length < 40; magnitude *= 10) {
    for (const m of [1, 2, 5]) {
      const tick = m * magnitude;
      ticks.push(tick);
      if (tick >= max) return ticks;
    }
  }
  return ticks;
}

const STEPS = [1, 2, 5];

/**
 * Ticks for a log axis: the 1-2-5 values (…, 0.01, 0.02, 0.05, 0.1, …) from the largest one ≤ `min` to
 * the smallest one ≥ `max`, at least two. Median latencies span 10 ms to seconds: on a linear axis one
 * slow session would squash every other dot onto the floor. Non-positive or non-finite input gives [].
 */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0) || !Number.isFinite(min) || !Number.isFinite(max)) return [];
  const value = (i: number) => round((STEPS[((i % 3) + 3) % 3] ?? 1) * 10 ** Math.floor(i / 3));
  let i = Math.floor(Math.log10(min)) * 3;
  while (value(i) > min) i--; // log10 rounds up just below a power of ten
  while (value(i + 1) <= min) i++;
  const ticks = [value(i)];
  while ((ticks.at(-1) ?? 0) < max || ticks.length < 2) ticks.push(value(++i));
  return ticks;
}

/** Where `value` falls, 0…1, on a log axis from `low` to `high` (both > 0); clamped to the axis. */
export function logPosition(value: number, low: number, high: number): number {
  if (!(value > 0) || high <= low) return 0;
  const at = Math.log(value / low) / Math.log(high / low);
  return Math.min(1, Math.max(0, at));
}
