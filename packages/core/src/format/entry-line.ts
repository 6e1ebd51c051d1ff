/**
 * Writes one entry in the logger's own layout (`TIME | LEVEL | FILE | FUNCTION:LINE | MESSAGE`).
 * The inverse of the parser: property tests round-trip through it, and the demo generator writes with it,
 * so there is exactly one definition of what a well-formed line looks like.
 */
export interface EntryLineFields {
  /** Seconds since 00:00 of the entry's day, 0 ≤ t < 86400. */
  readonly timeOfDay: number;
  /** 6 on Linux/macOS builds (microseconds), 3 on Windows builds (milliseconds). */
  readonly fracDigits: number;
  readonly level: string;
  readonly file: string;
  readonly func: string;
  readonly line: number;
  readonly message: string;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `HH:MM:SS:FRAC`, rounding the fraction to `fracDigits` digits (never past 23:59:59.999…). */
export function formatTimeOfDay(timeOfDay: number, fracDigits: number): string {
  const scale = 10 ** fracDigits;
  let units = Math.round(timeOfDay * scale);
  const dayUnits = 86_400 * scale;
  if (units >= dayUnits) units = dayUnits - 1;
  if (units < 0) units = 0;
  const wholeSeconds = Math.floor(units / scale);
  const frac = units - wholeSeconds * scale;
  const h = Math.floor(wholeSeconds / 3600);
  const m = Math.floor((wholeSeconds % 3600) / 60);
  const s = wholeSeconds % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}:${String(frac).padStart(fracDigits, "0")}`;
}

/** One line without its line ending, padded like the C logger (`%-7s`, `%-15s`). */
export function formatEntryLine(f: EntryLineFields): string {
  return `${formatTimeOfDay(f.timeOfDay, f.fracDigits)} | ${f.level.padEnd(7)} | ${f.file.padEnd(15)} | ${f.func}:${f.line} | ${f.message}`;
}
