/**
 * Numbers and times as the charts show them. Pure (no DOM, no uPlot), so the unit tests run in Node.
 *
 * Time: the API's `t` is seconds since 00:00 UTC of the log's first day, so a session that runs past
 * midnight has t ≥ 86,400. The clock shows the time of day; the day after the first is marked "+1d".
 */
import type { SeriesStats } from "../../api/types.js";

const DAY = 86_400;
const LOCALE = "en-US";
const pad = (n: number) => String(n).padStart(2, "0");

/** Which day (0 = the log's first) and the time of day, after rounding to `digits` decimals. */
export function clockParts(t: number, digits = 0): { day: number; text: string } {
  const scale = 10 ** digits;
  // Round once, in whole units of the last digit, so 86,399.9996 s becomes 00:00:00.000 of the next day.
  const units = Math.round(t * scale);
  const perDay = DAY * scale;
  const day = Math.floor(units / perDay);
  const ofDay = units - day * perDay;
  const whole = Math.floor(ofDay / scale);
  const fraction = ofDay - whole * scale;
  const hms = `${pad(Math.floor(whole / 3600))}:${pad(Math.floor(whole / 60) % 60)}:${pad(whole % 60)}`;
  return { day, text: digits > 0 ? `${hms}.${String(fraction).padStart(digits, "0")}` : hms };
}

/** "+1d " on a later day, nothing on the first. */
const dayPrefix = (day: number) => (day === 0 ? "" : `${day > 0 ? "+" : ""}${day}d `);

/** t → "21:55:48", or "+1d 00:00:12" after midnight. */
export function formatClock(t: number, digits = 0): string {
  const { day, text } = clockParts(t, digits);
  return `${dayPrefix(day)}${text}`;
}

/** Decimals a time axis needs at a tick spacing of `incr` seconds. */
export function timeDigits(incr: number): number {
  if (incr >= 1) return 0;
  if (incr >= 0.1) return 1;
  if (incr >= 0.01) return 2;
  return 3;
}

/**
 * Labels for the ticks of the time axis: "21:55:48" (or "21:55" when ticks fall on whole minutes),
 * with "+1d" on the first tick of each later day only, so the rollover is visible without noise.
 */
export function timeAxisLabels(splits: readonly number[], incr: number): string[] {
  const digits = timeDigits(incr);
  const minutes = incr >= 60 && incr % 60 === 0;
  let previousDay: number | null = null;
  return splits.map((t) => {
    const { day, text } = clockParts(t, digits);
    const label = minutes ? text.slice(0, 5) : text;
    const marked = day !== 0 && day !== previousDay;
    previousDay = day;
    return marked ? `${dayPrefix(day)}${label}` : label;
  });
}

/** Tick spacings the time axis may use, in seconds: milliseconds up to a day. */
export const TIME_INCREMENTS = [
  0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
  3600, 7200, 10_800, 21_600, 43_200, 86_400,
];

/** A range on the time axis in words: "21:55:48 – 21:58:10 (2m 22s)". */
export function formatTimeRange(from: number, to: number): string {
  const span = to - from;
  const digits = span < 10 ? 1 : 0;
  return `${formatClock(from, digits)} – ${formatClock(to, digits)} (${formatSpan(span)})`;
}

/** A length of time: "850 ms", "42.5 s", "2m 22s", "1h 05m". */
export function formatSpan(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor(total / 60) % 60;
  return h > 0 ? `${h}h ${pad(m)}m` : `${m}m ${pad(total % 60)}s`;
}

// ——— Units ———

export type ApiUnit = "seconds" | "bytes";
export type DisplayUnit = "ms" | "KB";

export const DISPLAY_UNIT: Record<ApiUnit, DisplayUnit> = { seconds: "ms", bytes: "KB" };

/** The API's value (seconds, bytes) in the unit people read (ms; KB of 1,024 bytes, as format.ts). */
export function toDisplay(value: number, unit: ApiUnit): number {
  return unit === "seconds" ? value * 1000 : value / 1024;
}

const formatters = [0, 1, 2, 3].map(
  (digits) => new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits }),
);
const fmt = (value: number, digits: number) => (formatters[digits] as Intl.NumberFormat).format(value);

/** About three significant figures: 1,234 · 123 · 34.2 · 4.42 · 0.421; zero stays "0". */
export function formatNumber(value: number): string {
  const size = Math.abs(value);
  if (size === 0) return "0";
  if (size >= 100) return fmt(value, 0);
  if (size >= 10) return fmt(value, 1);
  if (size >= 1) return fmt(value, 2);
  return fmt(value, 3);
}

/** A value already in its display unit: "34.2 ms", "41.3 KB". */
export function formatDisplayValue(value: number | null | undefined, unit: DisplayUnit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${formatNumber(value)} ${unit}`;
}

/** A value in the API's unit, for people: 0.0342 s → "34.2 ms"; 42,252 bytes → "41.3 KB". */
export function formatMetricValue(value: number | null | undefined, unit: ApiUnit): string {
  if (value === null || value === undefined) return "—";
  return formatDisplayValue(toDisplay(value, unit), DISPLAY_UNIT[unit]);
}

/** Tick spacings for value axes: 1, 2, 5 × 10^k (no 2.5: whole steps read better). */
export const VALUE_INCREMENTS = [-3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((exp) =>
  [1, 2, 5].map((m) => Number((m * 10 ** exp).toPrecision(1))),
);

/** Decimals in a tick spacing (0.05 → 2, 20 → 0), at most 3. */
export function decimalsOf(incr: number): number {
  for (let digits = 0; digits < 3; digits++) {
    const scaled = incr * 10 ** digits;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-9 * Math.max(1, scaled)) return digits;
  }
  return 3;
}

/** Labels for a value axis: as many decimals as the tick spacing needs, thousands grouped. */
export function valueAxisLabels(splits: readonly number[], incr: number): string[] {
  const digits = decimalsOf(incr);
  return splits.map((v) => fmt(v, digits));
}

// ——— Statistics ———

export interface StatCell {
  readonly key: keyof SeriesStats;
  readonly label: string;
  readonly value: string;
}

/** Typical, bad, worst; then the rest; the count last. */
const STAT_ORDER: readonly [keyof SeriesStats, string][] = [
  ["median", "Median"],
  ["p95", "p95"],
  ["max", "Max"],
  ["mean", "Mean"],
  ["min", "Min"],
  ["std", "Std dev"],
  ["count", "Count"],
];

/** The stats beside a chart, in reading order, formatted; `null` stats (no points) give no cells. */
export function formatStats(stats: SeriesStats | null, unit: ApiUnit): StatCell[] {
  if (stats === null) return [];
  return STAT_ORDER.map(([key, label]) => ({
    key,
    label,
    value: key === "count" ? fmt(stats.count, 0) : formatMetricValue(stats[key], unit),
  }));
}
