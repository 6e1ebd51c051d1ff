/**
 * Numbers and times for people. One fixed locale (en-US) so every engineer reads the same thing and tests
 * are stable; times in UTC because the logs' own timestamps are UTC.
 */

const LOCALE = "en-US";
const integer = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
const fixed = (digits: number) =>
  new Intl.NumberFormat(LOCALE, { minimumFractionDigits: digits, maximumFractionDigits: digits });
const fixed1 = fixed(1);
const fixed2 = fixed(2);

/** Em dash for "no value": never "NaN", "null" or an empty cell that looks like a rendering bug. */
export const NONE = "—";

const missing = (value: number | null | undefined): value is null | undefined =>
  value === null || value === undefined || !Number.isFinite(value);

/** 17226 → "17,226". */
export function formatCount(value: number | null | undefined): string {
  return missing(value) ? NONE : integer.format(value);
}

/** A percentage already in 0–100 → "0.58%", with more digits the smaller it is; tiny non-zero → "<0.01%". */
export function formatPercent(percent: number | null | undefined): string {
  if (missing(percent)) return NONE;
  if (percent === 0) return "0%";
  const size = Math.abs(percent);
  if (size < 0.01) return "<0.01%";
  if (size < 1) return `${fixed2.format(percent)}%`;
  if (size < 10) return `${fixed1.format(percent)}%`;
  return `${integer.format(percent)}%`;
}

/** A fraction (0–1) as a percentage: the insights endpoints send rates, the connection list percentages. */
export function formatRate(fraction: number | null | undefined): string {
  return missing(fraction) ? NONE : formatPercent(fraction * 100);
}

/** Seconds → "0.42 ms", "4.4 ms", "34 ms", "1.2 s". */
export function formatMs(seconds: number | null | undefined): string {
  if (missing(seconds)) return NONE;
  const ms = seconds * 1000;
  const size = Math.abs(ms);
  if (size >= 10_000) return `${integer.format(ms / 1000)} s`;
  if (size >= 1000) return `${fixed1.format(ms / 1000)} s`;
  if (size >= 10) return `${integer.format(ms)} ms`;
  if (size >= 1) return `${fixed1.format(ms)} ms`;
  return `${fixed2.format(ms)} ms`;
}

/** Bytes → "60.2 KB" (1 KB = 1,024 bytes, as the encoder's logs count them). */
export function formatKB(bytes: number | null | undefined): string {
  if (missing(bytes)) return NONE;
  const kb = bytes / 1024;
  return `${Math.abs(kb) >= 100 ? integer.format(kb) : fixed1.format(kb)} KB`;
}

/** Seconds → "45s", "21m 51s", "3h 05m"; under a second "<1s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (missing(seconds) || seconds < 0) return NONE;
  if (seconds < 1) return "<1s";
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, "0")}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, "0")}s`;
  return `${s}s`;
}

const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto", style: "long" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Number.POSITIVE_INFINITY],
];

/** ISO time → "5 minutes ago", "yesterday", "6 years ago" relative to `now` (ms). */
export function formatRelative(iso: string | null | undefined, now: number): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return NONE;
  let amount = (time - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(amount) < size || unit === "year") {
      // Days → months uses 30-day months and months → years 12: close enough for "how long ago".
      return relative.format(Math.round(amount), unit);
    }
    amount /= size;
  }
  return NONE;
}

const absolute = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** ISO time → "30 Jun 2020, 17:48:00 UTC". */
export function formatAbsolute(iso: string | null | undefined): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(time) ? NONE : `${absolute.format(time)} UTC`;
}

const dateOnly = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  timeZone: "UTC",
});
const RECENT_MS = 30 * 24 * 3600 * 1000;

/**
 * "Last updated" in the table: relative while it tells rows apart ("5 minutes ago"), the date once it is
 * over 30 days old ("30 Jun 2020"), where "6 years ago" on every row would say nothing. The other form is
 * always in the tooltip (`formatUpdatedTitle`).
 */
export function formatUpdated(iso: string | null | undefined, now: number): string {
  const time = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(time)) return NONE;
  return Math.abs(now - time) < RECENT_MS ? formatRelative(iso, now) : dateOnly.format(time);
}

export function formatUpdatedTitle(iso: string | null | undefined, now: number): string {
  return `${formatAbsolute(iso)} (${formatRelative(iso, now)})`;
}

/**
 * A version as the table shows it: the commit part of "c47d0e5-5A8F3C27", or the first 8 characters of a
 * bare build hash. The full string is always one hover (title) or one copy away.
 */
export function shortVersion(version: string | null | undefined): string {
  if (!version) return NONE;
  const dash = version.indexOf("-");
  if (dash >= 4 && dash <= 12) return version.slice(0, dash);
  return version.length > 10 ? version.slice(0, 8) : version;
}

/** Errors (or warnings) of both logs and their share of both logs' entries, in percent. */
export function combinedShare(
  a: { entries: number | null; count: number | null },
  b: { entries: number | null; count: number | null },
): { count: number | null; percent: number | null } {
  const counted = [a, b].filter((side) => side.count !== null && side.entries !== null);
  if (counted.length === 0) return { count: null, percent: null };
  const count = counted.reduce((sum, side) => sum + (side.count ?? 0), 0);
  const entries = counted.reduce((sum, side) => sum + (side.entries ?? 0), 0);
  return { count, percent: entries > 0 ? (count / entries) * 100 : null };
}
