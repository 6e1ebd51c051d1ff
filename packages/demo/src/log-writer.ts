/**
 * Accumulates the lines of one log. The layout comes from the core's formatter, so the demo and the
 * parser share one definition of a well-formed line. A one-hour log has ~50,000 lines, so the writer
 * caches what the formatter produces, as bytes: each call site's ` | LEVEL | FILE | FUNC:LINE | ` middle
 * and the `HH:MM:SS:` of the current second, and writes straight into a byte buffer. A property test
 * checks the result is byte-identical to formatEntryLine.
 *
 * Times are session seconds (0 = the client connected); the writer turns them into the log's clock:
 * seconds since 00:00 UTC of the log's first day, wrapping at midnight like the logger's own clock.
 */
import { formatEntryLine } from "@loupe/core";
import { ByteSink, encodeText } from "./byte-sink.js";
import { writeFixed } from "./c-format.js";

/** One logging call in the protocol's C code. */
export interface LogSite {
  readonly level: string;
  readonly file: string;
  readonly func: string;
  readonly line: number;
  /** The format string ends in `\n` and the logger adds its own: a blank line follows the entry. */
  readonly blankAfter?: boolean;
}

export const site = (
  level: string,
  file: string,
  func: string,
  line: number,
  blankAfter = false,
): LogSite => ({
  level,
  file,
  func,
  line,
  blankAfter,
});

const DAY_SECONDS = 86_400;
const ZERO = 0x30;

export interface LogWriterOptions {
  /** Seconds from 00:00 UTC of the log's first day to session second 0. */
  readonly clockOffset: number;
  /** 3 (Windows builds) or 6. */
  readonly fracDigits: 3 | 6;
  readonly lineEnding: "\n" | "\r\n";
  /** The build writes `HH:MM:SS.FRAC`. */
  readonly dottedFraction?: boolean;
  /** Non-ASCII characters are written in Latin-1 (one byte each), not UTF-8. */
  readonly latin1?: boolean;
  /** Expected size in bytes, to allocate the buffer once. */
  readonly expectedBytes?: number;
  /**
   * Seconds (≥ 0, well under a millisecond) that printing a line takes, drawn per line: keeps the
   * microseconds of 6-digit clocks from looking round, and lines written for the same moment in order.
   */
  readonly printDelay?: () => number;
}

export class LogWriter {
  private readonly sink: ByteSink;
  private readonly eol: Uint8Array;
  private readonly scale: number;
  private readonly middles = new Map<LogSite, Uint8Array>();
  private readonly fracDigits: 3 | 6;
  private cachedSecond = -1;
  /** `HH:MM:SS:` of `cachedSecond`; the separators are set once, the digits once a second. */
  private readonly cachedClock = new Uint8Array(9);
  private lines = 0;
  private lastNominal = Number.NaN;
  private lastPrinted = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: LogWriterOptions) {
    this.sink = new ByteSink(
      options.latin1 ?? false,
      Math.max(1024, Math.round(options.expectedBytes ?? 65_536)),
    );
    this.eol = encodeText(options.lineEnding);
    this.fracDigits = options.fracDigits;
    this.scale = 10 ** options.fracDigits;
    this.cachedClock.fill(0x3a); // ':'
    if (options.dottedFraction) this.cachedClock[8] = 0x2e; // '.'
  }

  get lineCount(): number {
    return this.lines;
  }

  /** An entry at session second `t`. */
  write(t: number, at: LogSite, message: string): void {
    this.startEntry(t, at);
    this.sink.text(message);
    this.endEntry(at);
  }

  /**
   * An entry whose message is `label` then a value: a number printed as C's `%f` prints it, or the text
   * printed instead (a non-finite or `%e` value). Saves building a string for the most common lines.
   */
  writeValue(t: number, at: LogSite, label: string, value: number | string): void {
    this.startEntry(t, at);
    this.sink.text(label);
    if (typeof value === "number") writeFixed(this.sink, value);
    else this.sink.text(value);
    this.endEntry(at);
  }

  /** The clock and the call site's ` | LEVEL | FILE | FUNC:LINE | `. */
  private startEntry(t: number, at: LogSite): void {
    let middle = this.middles.get(at);
    if (middle === undefined) {
      const { level, file, func, line } = at;
      const whole = formatEntryLine({
        timeOfDay: 0,
        fracDigits: this.fracDigits,
        level,
        file,
        func,
        line,
        message: "",
      });
      middle = encodeText(whole.slice(9 + this.fracDigits));
      this.middles.set(at, middle);
    }
    this.writeClock(this.printedTime(t));
    this.sink.bytes(middle);
  }

  private endEntry(at: LogSite): void {
    this.endLine();
    if (at.blankAfter) this.endLine();
  }

  /** A line printed without the logger (stdout of the same process, a backtrace, a message's next line). */
  raw(text: string): void {
    this.sink.text(text);
    this.endLine();
  }

  blank(): void {
    this.endLine();
  }

  /** The whole log so far, every line ended by the line ending. */
  toBytes(): Uint8Array {
    return this.sink.toBytes();
  }

  /** Lines for one moment come out in order, each a few microseconds after the one before. */
  private printedTime(t: number): number {
    const delay = this.options.printDelay;
    if (delay === undefined) return t;
    let printed = t + delay();
    if (t === this.lastNominal && printed <= this.lastPrinted) printed = this.lastPrinted + 0.000_003;
    this.lastNominal = t;
    this.lastPrinted = printed;
    return printed;
  }

  private endLine(): void {
    this.sink.bytes(this.eol);
    this.lines++;
  }

  /** `HH:MM:SS:FRAC` for session second `t`, rounded and clamped exactly as formatTimeOfDay does. */
  private writeClock(t: number): void {
    let timeOfDay = this.options.clockOffset + t;
    if (timeOfDay >= DAY_SECONDS) timeOfDay -= DAY_SECONDS;
    if (timeOfDay < 0) timeOfDay += DAY_SECONDS;
    const scale = this.scale;
    let units = Math.round(timeOfDay * scale);
    if (units >= DAY_SECONDS * scale) units = DAY_SECONDS * scale - 1;
    if (units < 0) units = 0;
    const second = Math.floor(units / scale);
    if (second !== this.cachedSecond) this.setClockSecond(second);
    this.sink.bytes(this.cachedClock);
    this.sink.digits(units - second * scale, this.fracDigits);
  }

  /** `HH:MM:SS:` (or `HH:MM:SS.`) of a whole second of the day, rewritten in place once a second. */
  private setClockSecond(second: number): void {
    this.setClockPair(0, Math.floor(second / 3600));
    this.setClockPair(3, Math.floor((second % 3600) / 60));
    this.setClockPair(6, second % 60);
    this.cachedSecond = second;
  }

  private setClockPair(at: number, value: number): void {
    this.cachedClock[at] = ZERO + Math.floor(value / 10);
    this.cachedClock[at + 1] = ZERO + (value % 10);
  }
}
