/**
 * Instantiates assembly/scanner.ts and gives typed views of its memory. One instance per analyzer: the
 * module keeps its running totals in globals. Compiled once per process (a few kilobytes).
 */
import {
  KNOWN_LEVELS,
  LevelKind,
  levelKindOf,
  MAX_LINE_BYTES,
  METRIC_DEFINITIONS,
  METRIC_FRACTION_SCALES,
  TIME_FRACTION_SCALES,
} from "@loupe/core";
import { SCANNER_WASM_BASE64 } from "./generated/scanner-wasm.js";

/** The functions assembly/scanner.ts exports (addresses are byte offsets into `memory`). */
export interface ScannerExports {
  readonly memory: WebAssembly.Memory;
  inputAddress(): number;
  inputCapacity(): number;
  maxDefinitions(): number;
  slowCapacity(): number;
  eventCapacity(): number;
  slowValueAddressAddress(): number;
  slowStartAddress(): number;
  slowEndAddress(): number;
  eventKindAddress(): number;
  eventLevelStartAddress(): number;
  eventLevelEndAddress(): number;
  eventMessageStartAddress(): number;
  eventMessageEndAddress(): number;
  eventTimeAddress(): number;
  labelBytesAddress(): number;
  levelBytesAddress(): number;
  metricPow10Address(): number;
  timePow10Address(): number;
  addLabel(offset: number, length: number): void;
  addLevel(offset: number, length: number, isProblem: boolean): void;
  configure(metricPowers: number, lineCap: number): void;
  scanLines(from: number, to: number): number;
  scanOneLine(from: number, to: number): void;
  lastBatchFull(): boolean;
  batchSlowNumbers(): number;
  batchEvents(): number;
  dropRejectedPoints(): void;
  lineCount(): number;
  blankLineCount(): number;
  entryCount(): number;
  continuationLineCount(): number;
  unparsedLineCount(): number;
  knownLevelCount(id: number): number;
  firstEntryTime(): number;
  lastEntryTime(): number;
  latestEntryTime(): number;
  continueLog(): void;
  dayCount(): number;
  lastTimeOfDay(): number;
  firstEntryTimeOfDay(): number;
  fractionDigitsMax(): number;
  appendFromInput(definition: number, count: number, withTimes: boolean): void;
  pointCount(definition: number): number;
  keepTimes(keep: boolean): void;
  /** Appends a point directly (the statistics tests use it to describe arbitrary values). */
  appendPoint(definition: number, time: number, value: number): number;
  blockPoints(): number;
  blockAddress(definition: number, block: number): number;
  describeSeriesAfterScan(definition: number): void;
  statsAddress(): number;
}

/** Event kinds (assembly/scanner.ts EVENT_*). */
export const EVENT_PROBLEM = 1;
export const EVENT_UNKNOWN_LEVEL = 2;

/** Views of the module's buffers. Memory grows when a series needs a block: views are then made anew. */
export interface ScannerViews {
  readonly input: Uint8Array;
  /** The whole memory as doubles (for point values and times at 8-byte aligned addresses). */
  readonly f64: Float64Array;
  readonly slowValueAddress: Int32Array;
  readonly slowStart: Int32Array;
  readonly slowEnd: Int32Array;
  readonly eventKind: Int32Array;
  readonly eventLevelStart: Int32Array;
  readonly eventLevelEnd: Int32Array;
  readonly eventMessageStart: Int32Array;
  readonly eventMessageEnd: Int32Array;
  readonly eventTime: Float64Array;
}

export interface ScannerOptions {
  /** Report entries at problem levels (ERROR, WARNING…) as events, for error patterns. */
  readonly problemEvents: boolean;
  /** Store the points' times (off when only statistics are wanted: they need the values alone). */
  readonly times: boolean;
}

let compiled: WebAssembly.Module | undefined;

export class Scanner {
  readonly x: ScannerExports;
  #views: ScannerViews;
  #viewsOf: ArrayBuffer;

  constructor(options: ScannerOptions) {
    compiled ??= new WebAssembly.Module(decodeBase64(SCANNER_WASM_BASE64));
    const instance = new WebAssembly.Instance(compiled, {
      env: {
        abort(): never {
          throw new Error("wasm-analyzer: the scanner aborted (a series too long for it)");
        },
      },
    });
    this.x = instance.exports as unknown as ScannerExports;
    if (this.x.inputCapacity() <= 2 * (MAX_LINE_BYTES + 1)) throw new Error("wasm-analyzer: input too small");
    if (this.x.maxDefinitions() < METRIC_DEFINITIONS.length)
      throw new Error("wasm-analyzer: too many metrics");
    configure(this.x, options);
    this.#viewsOf = this.x.memory.buffer;
    this.#views = makeViews(this.x);
  }

  /** Current views (renewed if the memory grew since the last call). */
  get views(): ScannerViews {
    if (this.x.memory.buffer !== this.#viewsOf) {
      this.#viewsOf = this.x.memory.buffer;
      this.#views = makeViews(this.x);
    }
    return this.#views;
  }
}

function makeViews(x: ScannerExports): ScannerViews {
  const buffer = x.memory.buffer;
  const slows = (address: number) => new Int32Array(buffer, address, x.slowCapacity());
  const events = (address: number) => new Int32Array(buffer, address, x.eventCapacity());
  return {
    input: new Uint8Array(buffer, x.inputAddress(), x.inputCapacity()),
    f64: new Float64Array(buffer),
    slowValueAddress: slows(x.slowValueAddressAddress()),
    slowStart: slows(x.slowStartAddress()),
    slowEnd: slows(x.slowEndAddress()),
    eventKind: events(x.eventKindAddress()),
    eventLevelStart: events(x.eventLevelStartAddress()),
    eventLevelEnd: events(x.eventLevelEndAddress()),
    eventMessageStart: events(x.eventMessageStartAddress()),
    eventMessageEnd: events(x.eventMessageEndAddress()),
    eventTime: new Float64Array(buffer, x.eventTimeAddress(), x.eventCapacity()),
  };
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Writes the core's tables into the module, so metric labels, levels and divisors have one home. */
function configure(x: ScannerExports, options: ScannerOptions): void {
  const buffer = x.memory.buffer;
  writeStrings(
    new Uint8Array(buffer, x.labelBytesAddress(), 1024),
    METRIC_DEFINITIONS.map((d) => `${d.label}:`),
    (offset, length) => x.addLabel(offset, length),
  );
  writeStrings(new Uint8Array(buffer, x.levelBytesAddress(), 1024), KNOWN_LEVELS, (offset, length, i) =>
    x.addLevel(
      offset,
      length,
      options.problemEvents && levelKindOf(KNOWN_LEVELS[i] as string) !== LevelKind.plain,
    ),
  );
  new Float64Array(buffer, x.metricPow10Address(), METRIC_FRACTION_SCALES.length).set(METRIC_FRACTION_SCALES);
  new Float64Array(buffer, x.timePow10Address(), TIME_FRACTION_SCALES.length).set(TIME_FRACTION_SCALES);
  x.configure(METRIC_FRACTION_SCALES.length, MAX_LINE_BYTES);
  x.keepTimes(options.times);
}

function writeStrings(
  table: Uint8Array,
  strings: readonly string[],
  add: (offset: number, length: number, index: number) => void,
): void {
  let offset = 0;
  const encoder = new TextEncoder();
  strings.forEach((s, i) => {
    const bytes = encoder.encode(s);
    table.set(bytes, offset);
    add(offset, bytes.length, i);
    offset += bytes.length;
  });
}
