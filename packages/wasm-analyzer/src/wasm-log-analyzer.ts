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
  PatternCounter,
  parseMetricNumber,
} from "@loupe/core";
import { describeSeriesInWasm } from "./describe-in-wasm.js";
import { EVENT_PROBLEM, Scanner } from "./scanner-module.js";
import { copySeriesOut, noSeries } from "./series-columns.js";

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

  constructor(options: WasmLogAnalyzerOptions = {}) {
    this.#countPatterns = options.patterns !== false;
    this.#keepSeries = options.series !== false;
    this.#scanner = new Scanner({ problemEvents: this.#countPatterns, times: this.#keepSeries });
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
    if (this.#result !== undefined) throw new Error("WasmLogAnalyzer: push after finish");
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

  finish(): LogAnalysis {
    this.#result ??= this.#summarize();
    return this.#result;
  }

  #summarize(): LogAnalysis {
    const x = this.#scanner.x;
    // The last line, when the file does not end in a newline (as LogLineStream.end).
    if (!this.#skippingLongLine && this.#pending > 0) {
      let end = this.#pending;
      if (this.#scanner.views.input[end - 1] === CR) end--;
      x.scanOneLine(0, end);
      this.#drainBatch();
    }
    for (let id = 0; id < KNOWN_LEVELS.length; id++) this.#levels.add(id, x.knownLevelCount(id));
    return assembleLogAnalysis({
      bytes: this.#bytes,
      lines: x.lineCount(),
      blankLines: x.blankLineCount(),
      entries: x.entryCount(),
      continuationLines: x.continuationLineCount(),
      unparsedLines: x.unparsedLineCount(),
      invalidValues: this.#invalidValues,
      levels: this.#levels,
      series: this.#keepSeries ? copySeriesOut(this.#scanner) : noSeries(),
      stats: describeSeriesInWasm(this.#scanner),
      patterns: this.#patterns,
      firstTime: x.firstEntryTime(),
      lastTime: x.lastEntryTime(),
      latestTime: x.latestEntryTime(),
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
