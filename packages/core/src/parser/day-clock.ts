/**
 * Turns the logger's date-less times of day into seconds since 00:00 UTC of the log's first day.
 *
 * A jump back of more than 12 hours between consecutive entries means midnight passed. Smaller backward
 * steps are threads racing to the logger: they are real data and are kept as written.
 */
const SECONDS_PER_DAY = 86_400;
const ROLLOVER_JUMP = SECONDS_PER_DAY / 2;

export class DayClock {
  private days = 0;
  private previous = Number.NaN;

  /**
   * Seconds since the first day's midnight for an entry at `secondOfDay + fraction / 10^digits`.
   * Computed as one integer divided by a power of ten, so `…:056` is exactly the double nearest .056.
   */
  advance(secondOfDay: number, fraction: number, fractionDigits: number): number {
    const scale = TIME_FRACTION_SCALES[fractionDigits] as number;
    const timeOfDay = (secondOfDay * scale + fraction) / scale;
    if (this.previous - timeOfDay > ROLLOVER_JUMP) this.days++;
    this.previous = timeOfDay;
    return ((this.days * SECONDS_PER_DAY + secondOfDay) * scale + fraction) / scale;
  }

  /** Whole days passed since the first entry. */
  get dayOffset(): number {
    return this.days;
  }
}

/** 10^digits for a time's fraction (shared with the WebAssembly scanner, which must divide by the same values). */
export const TIME_FRACTION_SCALES: readonly number[] = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
