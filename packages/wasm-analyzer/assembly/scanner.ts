// The hot loop of `LogLineStream` + `LogAnalyzer` (packages/core) compiled ahead of time to WebAssembly.
//
// Why it exists: `loupe analyze` runs once per process, so the JavaScript parser spends a third of its time
// in the interpreter and waiting for the JIT; this module is machine code from the first byte. It is a
// second implementation of the grammar on purpose, kept honest by the package's differential property tests:
// for any bytes, split anywhere, the result must equal the core's LogAnalyzer exactly.
//
// What stays in JavaScript (src/): anything that makes strings or needs a full number parser: error patterns,
// unknown level names, metric numbers outside the exact fast path. They come back as events in line order.
//
// Every `f64` expression below mirrors the core's arithmetic operation for operation, so times and values
// are bit-identical (WebAssembly's f64 is IEEE 754 binary64 with round-to-nearest, like JavaScript's).

import {
  EVENT_PROBLEM,
  EVENT_UNKNOWN_LEVEL,
  INPUT_CAPACITY,
  input,
  pushEvent,
  pushSlowPoint,
  startBatch,
  batchWouldOverflow,
} from "./batch";
import { describeSeries } from "./describe";
import { appendPoint } from "./series";
import {
  isProblemLevel,
  knownLevelId,
  lineCap,
  metricLabelAddress,
  metricLabelCount,
  metricLabelLength,
  metricScale,
  metricScaleCount,
  TABLE_ENTRIES,
  timeScale,
} from "./tables";
import { getI32, setI32 } from "./words";

// What JavaScript calls (src/scanner-module.ts): this file's exports and these.
export {
  appendFromInput,
  batchEvents,
  batchSlowNumbers,
  dropRejectedPoints,
  eventCapacity,
  eventKindAddress,
  eventLevelEndAddress,
  eventLevelStartAddress,
  eventMessageEndAddress,
  eventMessageStartAddress,
  eventTimeAddress,
  inputAddress,
  inputCapacity,
  lastBatchFull,
  maxDefinitions,
  slowCapacity,
  slowEndAddress,
  slowStartAddress,
  slowValueAddressAddress,
} from "./batch";
export { statsAddress } from "./describe";
export { appendPoint, blockAddress, blockPoints, keepTimes, pointCount } from "./series";
export { addLabel, addLevel, configure, labelBytesAddress, levelBytesAddress, metricPow10Address, timePow10Address } from "./tables";

/** Statistics of a series once the log is read: the input buffer is free, so the values are sorted there. */
export function describeSeriesAfterScan(definition: i32): void {
  describeSeries(definition, input, INPUT_CAPACITY);
}

// ---- Running totals (read by JavaScript at the end) ----

let lines: i32 = 0;
let blankLines: i32 = 0;
let entries: i32 = 0;
let continuationLines: i32 = 0;
let unparsedLines: i32 = 0;
const knownLevelCounts: usize = memory.data(TABLE_ENTRIES * 4, 16);
let firstTime: f64 = NaN;
let lastTime: f64 = NaN;
let maxTime: f64 = NaN;
// DayClock
let days: f64 = 0;
let previousTimeOfDay: f64 = NaN;
let firstTimeOfDay: f64 = NaN;
let maxFractionDigits: i32 = 0;
/** False when the bytes continue a log from a line start (a later part of a file): no BOM there. */
let atLogStart = true;

/** The bytes to come are a later part of a log, starting at a line start (see log-part.ts). */
export function continueLog(): void { atLogStart = false; }
export function dayCount(): f64 { return days; }
export function lastTimeOfDay(): f64 { return previousTimeOfDay; }
export function firstEntryTimeOfDay(): f64 { return firstTimeOfDay; }
export function fractionDigitsMax(): i32 { return maxFractionDigits; }

export function lineCount(): i32 { return lines; }
export function blankLineCount(): i32 { return blankLines; }
export function entryCount(): i32 { return entries; }
export function continuationLineCount(): i32 { return continuationLines; }
export function unparsedLineCount(): i32 { return unparsedLines; }
export function knownLevelCount(id: i32): i32 { return getI32(knownLevelCounts, id); }
export function firstEntryTime(): f64 { return firstTime; }
export function lastEntryTime(): f64 { return lastTime; }
export function latestEntryTime(): f64 { return maxTime; }

/**
 * Classifies every complete line (ending in `\n`) of input[from, to) until the batch buffers could
 * overflow. Returns the offset after the last line classified; the caller drains the batch and calls again.
 */
export function scanLines(from: i32, to: i32): i32 {
  startBatch();
  const base = input;
  let lineStart = base + <usize>from;
  const end = base + <usize>to;
  const newlines = i8x16.splat(10);
  for (;;) {
    // The next '\n': sixteen bytes at a time, then byte by byte near the end. 0 means none (no valid
    // offset is 0: the buffer does not start at address 0).
    let nl: usize = 0;
    let i = lineStart;
    while (i + 16 <= end) {
      const mask = i8x16.bitmask(i8x16.eq(v128.load(i), newlines));
      if (mask != 0) {
        nl = i + <usize>ctz(mask);
        break;
      }
      i += 16;
    }
    if (nl == 0) {
      while (i < end && load<u8>(i) != 10) i++;
      if (i == end) break;
      nl = i;
    }
    let lineEnd = nl;
    if (lineEnd > lineStart && load<u8>(lineEnd - 1) == 13) lineEnd--;
    classifyLine(lineStart, lineEnd);
    lineStart = nl + 1;
    if (batchWouldOverflow()) break;
  }
  return <i32>(lineStart - base);
}

/** Classifies input[from, to) as one line (the last line without `\n`, or the kept part of a huge one). */
export function scanOneLine(from: i32, to: i32): void {
  startBatch();
  const base = input;
  classifyLine(base + <usize>from, base + <usize>to);
}

// ---- LogLineStream.line ----

function classifyLine(start: usize, end: usize): void {
  lines++;
  if (<i32>(end - start) > lineCap()) end = start + <usize>lineCap();
  if (lines == 1 && atLogStart && end - start >= 3 && load<u8>(start) == 0xef && load<u8>(start + 1) == 0xbb && load<u8>(start + 2) == 0xbf) {
    start += 3;
  }
  if (scanEntryHeader(start, end)) {
    entries++;
    entry(advanceClock(secondOfDay, fraction, fractionDigits));
  } else if (skipBlanks(start, end) == end) {
    blankLines++;
  } else if (entries > 0) {
    continuationLines++;
  } else {
    unparsedLines++;
  }
}

// ---- entry-header.ts ----

let secondOfDay: f64 = 0;
let fraction: f64 = 0;
let fractionDigits: i32 = 0;
let levelStart: usize = 0;
let levelEnd: usize = 0;
let messageStart: usize = 0;
let messageEnd: usize = 0;

@inline function isBlank(c: u32): bool { return c == 0x20 || c == 0x09; }

@inline function twoDigits(i: usize): i32 {
  const a = <i32>load<u8>(i) - 0x30;
  const b = <i32>load<u8>(i + 1) - 0x30;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

@inline function skipBlanks(i: usize, end: usize): usize {
  while (i < end && isBlank(load<u8>(i))) i++;
  return i;
}

@inline function trimEnd(start: usize, end: usize): usize {
  while (end > start && isBlank(load<u8>(end - 1))) end--;
  return end;
}

/**
 * The offset of the next '|' in [i, end), or 0 (never a valid offset: the input is not at address 0).
 * Sixteen bytes at a time: a load may read past `end` (never past the input buffer's neighbours in memory),
 * and a match there is ignored.
 */
@inline function indexOfPipe(i: usize, end: usize): usize {
  const pipes = i8x16.splat(0x7c);
  while (i < end) {
    const mask = i8x16.bitmask(i8x16.eq(v128.load(i), pipes));
    if (mask != 0) {
      const at = i + <usize>ctz(mask);
      return at < end ? at : 0;
    }
    i += 16;
  }
  return 0;
}

function scanEntryHeader(start: usize, end: usize): bool {
  if (end - start < 10) return false;
  const hh = twoDigits(start);
  const mm = twoDigits(start + 3);
  const ss = twoDigits(start + 6);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
  if (load<u8>(start + 2) != 0x3a || load<u8>(start + 5) != 0x3a) return false;
  const sep = load<u8>(start + 8);
  if (sep != 0x3a && sep != 0x2e) return false;
  let i = start + 9;
  // Accumulated as an integer (exact for the 9 digits accepted), converted once.
  let frac: u64 = 0;
  const fracStart = i;
  while (i < end) {
    const d = <i32>load<u8>(i) - 0x30;
    if (d < 0 || d > 9) break;
    frac = frac * 10 + <u64>d;
    i++;
  }
  const digits = <i32>(i - fracStart);
  if (digits == 0 || digits > 9) return false;
  i = skipBlanks(i, end);
  if (i >= end || load<u8>(i) != 0x7c) return false;

  i = skipBlanks(i + 1, end);
  const lvlStart = i;
  if (i >= end) return false;
  const first = <u32>load<u8>(i);
  if (first < 0x41 || first > 0x5a) return false;
  i++;
  while (i < end) {
    const c = <u32>load<u8>(i);
    if ((c >= 0x41 && c <= 0x5a) || c == 0x5f || (c >= 0x30 && c <= 0x39)) i++;
    else break;
  }
  const lvlEnd = i;
  i = skipBlanks(i, end);
  if (i >= end || load<u8>(i) != 0x7c) return false;

  const fileStart = skipBlanks(i + 1, end);
  const filePipe = indexOfPipe(fileStart, end);
  if (filePipe == 0) return false;
  if (trimEnd(fileStart, filePipe) == fileStart) return false;

  const funcFieldStart = skipBlanks(filePipe + 1, end);
  const funcPipe = indexOfPipe(funcFieldStart, end);
  if (funcPipe == 0) return false;
  const funcFieldEnd = trimEnd(funcFieldStart, funcPipe);
  let j = funcFieldEnd;
  while (j > funcFieldStart) {
    const d = <i32>load<u8>(j - 1) - 0x30;
    if (d < 0 || d > 9) break;
    j--;
  }
  if (j == funcFieldEnd || load<u8>(j - 1) != 0x3a || j - 1 == funcFieldStart) return false;

  const msgStart = skipBlanks(funcPipe + 1, end);
  secondOfDay = <f64>(hh * 3600 + mm * 60 + ss);
  fraction = <f64>frac;
  fractionDigits = digits;
  levelStart = lvlStart;
  levelEnd = lvlEnd;
  messageStart = msgStart;
  messageEnd = trimEnd(msgStart, end);
  return true;
}

// ---- day-clock.ts ----

function advanceClock(second: f64, frac: f64, digits: i32): f64 {
  const scale = timeScale(digits);
  const timeOfDay = (second * scale + frac) / scale;
  if (isNaN(firstTimeOfDay)) firstTimeOfDay = timeOfDay;
  if (digits > maxFractionDigits) maxFractionDigits = digits;
  if (previousTimeOfDay - timeOfDay > 43200) days++;
  previousTimeOfDay = timeOfDay;
  // On the first day the expression below is timeOfDay's, operation for operation.
  if (days == 0) return timeOfDay;
  return ((days * 86400 + second) * scale + frac) / scale;
}

// ---- log-analyzer.ts: entry ----

function entry(time: f64): void {
  if (entries == 1) firstTime = time;
  lastTime = time;
  if (!(time <= maxTime)) maxTime = time;

  const id = knownLevelId(levelStart, levelEnd);
  if (id >= 0) {
    setI32(knownLevelCounts, id, getI32(knownLevelCounts, id) + 1);
    if (isProblemLevel(id)) pushEvent(EVENT_PROBLEM, id, 0, messageStart, messageEnd, time);
  } else {
    pushEvent(EVENT_UNKNOWN_LEVEL, <i32>(levelStart - input), <i32>(levelEnd - input), messageStart, messageEnd, time);
  }
  matchMetricLine(messageStart, messageEnd, time);
}



// ---- metric-line.ts ----

@inline function isDigit(c: u32): bool { return c >= 0x30 && c <= 0x39; }

function matchMetricLine(start: usize, end: usize, time: f64): void {
  const first = load<u8>(start);
  if (start >= end || (first != 0x4c && first != 0x41)) return;
  for (let d = 0; d < metricLabelCount(); d++) {
    const length = metricLabelLength(d);
    if (end - start <= length) continue;
    const at = metricLabelAddress(d);
    let k: usize = 0;
    while (k < length && load<u8>(start + k) == load<u8>(at + k)) k++;
    if (k < length) continue;
    let i = start + k;
    if (!isBlank(load<u8>(i))) return;
    while (i < end && isBlank(load<u8>(i))) i++;
    if (i == end) return;
    addPoint(d, i, end, time);
    return;
  }
}

/** The exact fast path of parseMetricNumber; anything else becomes a slow point parsed by JavaScript. */
function addPoint(definition: i32, start: usize, end: usize, time: f64): void {
  let i = start;
  let negative = false;
  const sign = load<u8>(i);
  if (sign == 0x2d || sign == 0x2b) {
    negative = sign == 0x2d;
    i++;
  }
  // Digits accumulate as an integer: exact (as the core's double) while significant <= 15, the only case
  // the value is used; past that it may wrap, and the number goes to JavaScript. `significant` counts digits
  // from the first non-zero one, as the core's `mantissa > 0` test does.
  let mantissa: u64 = 0;
  let significant = 0;
  let intDigits = 0;
  let fracDigits = 0;
  while (i < end && isDigit(load<u8>(i))) {
    mantissa = mantissa * 10 + <u64>(load<u8>(i) - 0x30);
    if (mantissa != 0 || significant > 0) significant++;
    intDigits++;
    i++;
  }
  if (i < end && load<u8>(i) == 0x2e) {
    i++;
    while (i < end && isDigit(load<u8>(i))) {
      mantissa = mantissa * 10 + <u64>(load<u8>(i) - 0x30);
      if (mantissa != 0 || significant > 0) significant++;
      fracDigits++;
      i++;
    }
  }
  if (i == end && intDigits + fracDigits > 0 && significant <= 15 && fracDigits < metricScaleCount()) {
    let value = <f64>mantissa / metricScale(fracDigits);
    if (negative) value = -value;
    appendPoint(definition, time, value);
  } else {
    pushSlowPoint(definition, time, start, end);
  }
}
