/**
 * A later part of one log, analysed on its own (another thread may do it), to be joined to the analysis
 * of the part before it with the same result as analysing the whole log in one pass.
 *
 * What joining needs beyond sums: lines before the part's first entry are continuations when the earlier
 * part had an entry; and the day clock. A part's clock starts on its own day 0, so when the earlier part
 * crossed midnight (or midnight falls between the parts), its times are moved by whole days, exactly: a
 * time is a correctly rounded (integer units / scale), so it is turned back into its integer and divided
 * again. Plain data only, so it crosses threads (the buffers can be transferred).
 */
import { type ScanCounts, TIME_FRACTION_SCALES } from "@loupe/core";

/** `unparsedLines` counts the non-blank lines before the part's first entry (see the join in finish). */
export interface LogPart extends ScanCounts {
  /** Entries per level name. */
  readonly levels: Readonly<Record<string, number>>;
  /** Per metric definition, the values in order; and their times when series are kept (else null). */
  readonly values: readonly Float64Array[];
  readonly times: readonly Float64Array[] | null;
  /** On the part's own day count; NaN without entries. */
  readonly firstTime: number;
  readonly lastTime: number;
  readonly latestTime: number;
  readonly clock: DayClockState;
}

/** Where a part's day clock stands (assembly/scanner.ts advanceClock). */
export interface DayClockState {
  /** Midnights passed within the part. */
  readonly days: number;
  /** Time of day of the part's first and last entries (NaN without entries). */
  readonly firstTimeOfDay: number;
  readonly lastTimeOfDay: number;
  /** Most fraction digits any entry's time was written with. */
  readonly maxFractionDigits: number;
}

/** A part whose times cannot be moved exactly (more than six fraction digits, or months long). */
export class PartNotJoinable extends Error {}

const ROLLOVER_JUMP = 43_200;
const SECONDS_PER_DAY = 86_400;
/** Below 2^23 s (97 days) a time times 10^6 is within 0.001 of its integer: rounding recovers it. */
const LARGEST_MOVABLE_TIME = 2 ** 23;

/** Whole days to add to the later part's times: the earlier part's, plus one if midnight falls between. */
export function daysBefore(earlier: DayClockState, earlierEntries: number, later: DayClockState): number {
  if (earlierEntries === 0 || Number.isNaN(later.firstTimeOfDay)) return 0;
  return earlier.days + (earlier.lastTimeOfDay - later.firstTimeOfDay > ROLLOVER_JUMP ? 1 : 0);
}

/** Moves a part's times by `days`, giving the bits a one-pass analysis computes. */
export function dayShifter(days: number, clock: DayClockState): (time: number) => number {
  if (days === 0) return (time) => time;
  if (clock.maxFractionDigits > 6) throw new PartNotJoinable("times with more than six fraction digits");
  const scale = TIME_FRACTION_SCALES[clock.maxFractionDigits] as number;
  const offset = days * SECONDS_PER_DAY * scale;
  return (time) => {
    if (!(Math.abs(time) < LARGEST_MOVABLE_TIME)) throw new PartNotJoinable("a part longer than 97 days");
    return (offset + Math.round(time * scale)) / scale;
  };
}
