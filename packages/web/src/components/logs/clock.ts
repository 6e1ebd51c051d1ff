/**
 * Log times are seconds since 00:00 UTC of the log's first day; a session that runs past midnight goes
 * on counting (86,400 and more). Shown as the clock reads, HH:MM:SS.mmm, with the day it is on.
 */

const DAY_MS = 86_400_000;

export interface Clock {
  /** "HH:MM:SS.mmm" within its day. */
  readonly clock: string;
  /** 0 on the log's first day, 1 after the first midnight, … */
  readonly day: number;
}

const two = (n: number) => String(n).padStart(2, "0");

export function formatClock(seconds: number): Clock {
  // Round to the microsecond first (the file's own precision), then cut to milliseconds: 23835.74 is
  // 23835.739999… in binary, and must read .740, while 59.9996 must not become 60.000.
  const micros = Math.round(seconds * 1e6);
  const totalMs = Math.floor(micros / 1000);
  const day = Math.floor(totalMs / DAY_MS);
  let ms = totalMs - day * DAY_MS;
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const m = Math.floor(ms / 60_000);
  ms -= m * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  return { clock: `${two(h)}:${two(m)}:${two(s)}.${String(ms).padStart(3, "0")}`, day };
}

/** The day marker beside a time after midnight: "+1d" (nothing on the first day). */
export function dayMarker(day: number): string {
  if (day === 0) return "";
  return day > 0 ? `+${day}d` : `${day}d`;
}
