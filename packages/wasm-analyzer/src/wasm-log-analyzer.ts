/**
 * Same contract and same results as the core's LogAnalyzer (push chunks split anywhere, then finish), with
 * the per-byte work, the series and their statistics in the WebAssembly scanner. This side keeps the line
 * that spans chunks, feeds the scanner, and does what needs strings: error patterns, unknown levels,
 * numbers outside the exact fast path.
 */
import {
  assembleLogAnalysis,
  decodeText,
  KNOWN_LEVELS,
  LevelKind,
  LevelTable,
  type LogAnalysis,
  levelKindOf,
  MAX_LINE_BYTES,
  METRIC_DEFINITIONS,
  PatternCounter,
  parseMetricNumber,
  type ScanCounts,
} from "@loupe/core";
import { describeSeriesInWasm } from "./describe-in-wasm.js";
import { type DayClockState, dayShifter, daysBefore, type LogPart } from "./log-part.js";
import { EVENT_PROBLEM, Scanner } from "./scanner-module.js";
import { appendColumns, copyColumnOut } from "./series-columns.js";

const LF = 0x0a;
const CR = 0x0d;

export interface WasmLogAnalyzerOptions {
  /**
   * Group ERROR/WARNING messages into patterns (default true). Off, `patterns` is an empty list and no
   * message is decoded: for callers that do not report patterns (`loupe analyze`).
   */
  readonly patterns?: boolean;
  /**
   * Return the series' points (default true). Off, every series is empty but its statistics still cover
   * every point: for callers that only report statistics (`loupe analyze --no-series`).
   */
  readonly series?: boolean;
  /**
   * The bytes are a later part of a log, from a line start (finishPart, then the earlier part's
   * finish(part)): no byte-order mark is looked for.
   */
  readonly continuesLog?: boolean;
}

export class WasmLogAnalyzer {
  readonly #scanner: Scanner;
  readonly #countPatterns: boolean;
  readonly #keepSeries: boolean;
  readonly #levels = new LevelTable();
  readonly #patterns = new PatternCounter();
  #invalidValues = 0;
  #bytes = 0;
  /** Bytes of the unfinished last line, kept at the start of the scanner's input buffer. */
  #pending = 0;
  /** Inside a line longer than MAX_LINE_BYTES whose kept part was already classified: drop up to `\n`. */
  #skippingLongLine = false;
  #result: LogAnalysis | undefined;
  #lastLineRead = false;

  constructor(options: WasmLogAnalyzerOptions = {}) {
    this.#countPatterns = options.patterns !== false;
    this.#keepSeries = options.series !== false;
    this.#scanner = new Scanner({ problemEvents: this.#countPatterns, times: this.#keepSeries });
    if (options.continuesLog === true) this.#scanner.x.continueLog();
  }

  push(chunk: Uint8Array): this {
    let offset = 0;
    while (offset < chunk.length) {
      offset += this.pushFrom((target) => {
        const take = Math.min(target.length, chunk.length - offset);
        target.set(chunk.subarray(offset, offset + take));
        return take;
      });
    }
    return this;
  }

  /**
   * Lets `read` write the next bytes straight into the scanner's buffer (no copy: a file is read where it
   * is scanned). `read` returns how many bytes it wrote, 0 at the end; so does this method.
   */
  pushFrom(read: (target: Uint8Array) => number): number {
    if (this.#lastLineRead) throw new Error("WasmLogAnalyzer: push after finish");
    const { input } = this.#scanner.views;
    const n = read(input.subarray(this.#pending));
    if (n <= 0) return 0;
    this.#bytes += n;
    const filled = this.#pending + n;
    let from = 0;
    if (this.#skippingLongLine) {
      // The rest of a capped line (#pending is 0): drop everything up to its newline.
      const nl = input.subarray(0, filled).indexOf(LF);
      if (nl < 0) return n;
      this.#skippingLongLine = false;
      from = nl + 1;
    }
    this.#scanAvailable(from, filled);
    return n;
  }

  /**
   * The analysis; with `rest`, the analysis of this part followed by `rest` (a later part's finishPart),
   * identical to one pass over both. Joining needs `patterns: false` on both parts. Throws
   * PartNotJoinable when the rest's times cannot be moved exactly (the caller then reads in one pass).
   */
  finish(rest?: LogPart): LogAnalysis {
    if (this.#result === undefined) {
      if (rest !== undefined && this.#countPatterns) throw new Error("joining parts needs patterns: false");
      this.#readLastLine();
      this.#result = rest === undefined ? this.#assemble() : this.#assembleWith(rest);
    }
    return this.#result;
  }

  /** What this part contributes to the analysis of an earlier part (see finish). Needs `patterns: false`. */
  finishPart(): LogPart {
    if (this.#countPatterns) throw new Error("a part needs patterns: false");
    this.#readLastLine();
    const x = this.#scanner.x;
    this.#addKnownLevels();
    const definitions = METRIC_DEFINITIONS.map((_, d) => d);
    return {
      ...this.#lineCounts(),
      levels: this.#levels.toRecord(),
      values: definitions.map((d) => copyColumnOut(this.#scanner, d, 1)),
      times: this.#keepSeries ? definitions.map((d) => copyColumnOut(this.#scanner, d, 0)) : null,
      firstTime: x.firstEntryTime(),
      lastTime: x.lastEntryTime(),
      latestTime: x.latestEntryTime(),
      clock: this.#clock(),
    };
  }

  /** The last line, when the input does not end in a newline (as LogLineStream.end). */
  #readLastLine(): void {
    if (this.#lastLineRead) return;
    this.#lastLineRead = true;
    if (!this.#skippingLongLine && this.#pending > 0) {
      let end = this.#pending;
      if (this.#scanner.views.input[end - 1] === CR) end--;
      this.#scanner.x.scanOneLine(0, end);
      this.#drainBatch();
    }
  }

  #addKnownLevels(): void {
    const x = this.#scanner.x;
    for (let id = 0; id < KNOWN_LEVELS.length; id++) this.#levels.add(id, x.knownLevelCount(id));
  }

  #lineCounts(): ScanCounts {
    const x = this.#scanner.x;
    return {
      bytes: this.#bytes,
      lines: x.lineCount(),
      blankLines: x.blankLineCount(),
      entries: x.entryCount(),
      continuationLines: x.continuationLineCount(),
      unparsedLines: x.unparsedLineCount(),
      invalidValues: this.#invalidValues,
    };
  }

  #clock(): DayClockState {
    const x = this.#scanner.x;
    return {
      days: x.dayCount(),
      firstTimeOfDay: x.firstEntryTimeOfDay(),
      lastTimeOfDay: x.lastTimeOfDay(),
      maxFractionDigits: x.fractionDigitsMax(),
    };
  }

  #assemble(): LogAnalysis {
    const x = this.#scanner.x;
    this.#addKnownLevels();
    return this.#assembleTotals(
      this.#lineCounts(),
      x.firstEntryTime(),
      x.lastEntryTime(),
      x.latestEntryTime(),
    );
  }

  #assembleWith(rest: LogPart): LogAnalysis {
    const x = this.#scanner.x;
    const own = this.#lineCounts();
    // Every time of the rest is moved before anything changes, so a PartNotJoinable leaves this intact.
    const shift = dayShifter(daysBefore(this.#clock(), own.entries, rest.clock), rest.clock);
    const restTimes = rest.times?.map((times) => times.map(shift)) ?? null;
    const hasOwn = own.entries > 0;
    const hasRest = rest.entries > 0;
    const firstTime = hasOwn ? x.firstEntryTime() : shift(rest.firstTime);
    const lastTime = hasRest ? shift(rest.lastTime) : x.lastEntryTime();
    let latestTime = hasRest ? shift(rest.latestTime) : x.latestEntryTime();
    if (hasOwn && hasRest) latestTime = Math.max(latestTime, x.latestEntryTime());

    this.#addKnownLevels();
    for (const [name, n] of Object.entries(rest.levels)) this.#levels.addNamed(name, n);
    rest.values.forEach((values, d) => {
      appendColumns(this.#scanner, d, values, restTimes?.[d] ?? null);
    });
    const counts = {
      bytes: own.bytes + rest.bytes,
      lines: own.lines + rest.lines,
      blankLines: own.blankLines + rest.blankLines,
      entries: own.entries + rest.entries,
      // Lines before the rest's first entry continue this part's last entry, if it has one.
      continuationLines: own.continuationLines + rest.continuationLines + (hasOwn ? rest.unparsedLines : 0),
      unparsedLines: own.unparsedLines + (hasOwn ? 0 : rest.unparsedLines),
      invalidValues: own.invalidValues + rest.invalidValues,
    };
    return this.#assembleTotals(counts, firstTime, lastTime, latestTime);
  }

  #assembleTotals(counts: ScanCounts, firstTime: number, lastTime: number, latestTime: number): LogAnalysis {
    const definitions = METRIC_DEFINITIONS.map((_, d) => d);
    // Series are copied out before the statistics, which work in the scanner's buffers.
    const series = definitions.map((d) =>
      this.#keepSeries
        ? { t: copyColumnOut(this.#scanner, d, 0), v: copyColumnOut(this.#scanner, d, 1) }
        : { t: new Float64Array(0), v: new Float64Array(0) },
    );
    const stats = describeSeriesInWasm(this.#scanner);
    return assembleLogAnalysis({
      ...counts,
      levels: this.#levels,
      series,
      stats,
      patterns: this.#patterns,
      firstTime,
      lastTime,
      latestTime,
    });
  }

  /** Classifies every complete line in input[from, filled) and keeps the unfinished rest at the start. */
  #scanAvailable(from: number, filled: number): void {
    const x = this.#scanner.x;
    let done = from;
    do {
      done = x.scanLines(done, filled);
      this.#drainBatch();
    } while (x.lastBatchFull());
    this.#pending = filled - done;
    if (this.#pending > MAX_LINE_BYTES) {
      // No newline within the first MAX_LINE_BYTES: classify that much (as LogLineStream caps a line) and
      // drop the rest of the line as it arrives.
      x.scanOneLine(done, done + MAX_LINE_BYTES);
      this.#drainBatch();
      this.#pending = 0;
      this.#skippingLongLine = true;
    } else if (this.#pending > 0 && done > 0) {
      this.#scanner.views.input.copyWithin(0, done, filled);
    }
  }

  /** Applies what the scanner left for JavaScript, in line order. */
  #drainBatch(): void {
    const x = this.#scanner.x;
    const v = this.#scanner.views;
    const events = x.batchEvents();
    for (let k = 0; k < events; k++) {
      let level: string;
      if (v.eventKind[k] === EVENT_PROBLEM) {
        level = this.#levels.name(v.eventLevelStart[k] as number);
      } else {
        const id = this.#levels.count(v.input, v.eventLevelStart[k] as number, v.eventLevelEnd[k] as number);
        level = this.#levels.name(id);
        if (!this.#countPatterns || levelKindOf(level) === LevelKind.plain) continue;
      }
      const message = decodeText(v.input, v.eventMessageStart[k] as number, v.eventMessageEnd[k] as number);
      this.#patterns.add(level, message, v.eventTime[k]);
    }
    this.#parseSlowNumbers(v);
  }

  /** Numbers outside the scanner's exact fast path: parsed here, written into their points, or dropped. */
  #parseSlowNumbers(v: Scanner["views"]): void {
    const slows = this.#scanner.x.batchSlowNumbers();
    let rejected = false;
    for (let k = 0; k < slows; k++) {
      const value = parseMetricNumber(v.input, v.slowStart[k] as number, v.slowEnd[k] as number);
      const accepted = value !== undefined && !Number.isNaN(value);
      if (value !== undefined && !accepted) this.#invalidValues++;
      // Rejected points keep their NaN placeholder and are removed below.
      if (accepted) v.f64[(v.slowValueAddress[k] as number) / 8] = value;
      else rejected = true;
    }
    if (rejected) this.#scanner.x.dropRejectedPoints();
  }
}

/** Analyses a whole log held in memory. */
export function analyzeLogWasm(bytes: Uint8Array): LogAnalysis {
  return new WasmLogAnalyzer().push(bytes).finish();
}
