/**
 * `last_updated` as the backend exports it: `MM/DD/YYYY, HH:MM` in UTC (Python's `%m/%d/%Y, %H:%M`).
 * One-digit month, day and hour are accepted too; impossible dates (02/30, 13/01, 24:00) are refused.
 */

const PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),\s*(\d{1,2}):(\d{2})$/;

const MINUTE_MS = 60_000;

/** Epoch ms, or a reason the text is not a valid `last_updated`. */
export function parseLastUpdated(text: string): { readonly ms: number } | { readonly reason: string } {
  const m = PATTERN.exec(text.trim());
  if (m === null) return { reason: `expected MM/DD/YYYY, HH:MM (UTC), got ${JSON.stringify(text)}` };
  const [month, day, year, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  // Before 1970 no log was ever received; years below 100 would also be remapped by Date.UTC.
  if (year < 1970) return { reason: `year ${year} is before 1970` };
  if (month < 1 || month > 12) return { reason: `month ${month} does not exist` };
  if (day < 1 || day > daysInMonth(year, month))
    return { reason: `day ${day} does not exist in ${year}-${month}` };
  if (hour > 23) return { reason: `hour ${hour} does not exist` };
  if (minute > 59) return { reason: `minute ${minute} does not exist` };
  return { ms: Date.UTC(year, month - 1, day, hour, minute) };
}

/** The inverse, for tests and exports: epoch ms (rounded down to the minute) → `MM/DD/YYYY, HH:MM`. */
export function formatLastUpdated(ms: number): string {
  const d = new Date(Math.floor(ms / MINUTE_MS) * MINUTE_MS);
  const two = (n: number): string => String(n).padStart(2, "0");
  return `${two(d.getUTCMonth() + 1)}/${two(d.getUTCDate())}/${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
