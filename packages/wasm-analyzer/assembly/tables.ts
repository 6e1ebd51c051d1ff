// What the scanner is told by JavaScript at start, from the core's own tables (src/scanner-module.ts), so
// metric labels, levels and divisors have one home: the core.
import { getF64, getI32, setI32 } from "./words";

const TABLE_BYTES: i32 = 1024;
export const TABLE_ENTRIES: i32 = 16;
/** Metric labels with their colon ("Latency:"), in METRIC_DEFINITIONS order. */
const labelBytes: usize = memory.data(TABLE_BYTES, 16);
const labelOffset: usize = memory.data(TABLE_ENTRIES * 4, 16);
const labelLength: usize = memory.data(TABLE_ENTRIES * 4, 16);
let labelCount: i32 = 0;
/** KNOWN_LEVELS, and whether entries at each are reported for error patterns. */
const levelBytes: usize = memory.data(TABLE_BYTES, 16);
const levelOffset: usize = memory.data(TABLE_ENTRIES * 4, 16);
const levelLength: usize = memory.data(TABLE_ENTRIES * 4, 16);
const levelIsProblem: usize = memory.data(TABLE_ENTRIES * 4, 16);
let levelCount: i32 = 0;
/** 10^i as the core computes them: for metric values (metric-line.ts) and for times (day-clock.ts). */
const metricPow10: usize = memory.data(32 * 8, 16);
let metricPow10Count: i32 = 0;
const timePow10: usize = memory.data(16 * 8, 16);
let maxLineBytes: i32 = 1 << 20;

export function labelBytesAddress(): usize { return labelBytes; }
export function levelBytesAddress(): usize { return levelBytes; }
export function metricPow10Address(): usize { return metricPow10; }
export function timePow10Address(): usize { return timePow10; }

export function addLabel(offset: i32, length: i32): void {
  setI32(labelOffset, labelCount, offset);
  setI32(labelLength, labelCount, length);
  labelCount++;
}

export function addLevel(offset: i32, length: i32, isProblem: bool): void {
  setI32(levelOffset, levelCount, offset);
  setI32(levelLength, levelCount, length);
  setI32(levelIsProblem, levelCount, isProblem ? 1 : 0);
  levelCount++;
}

export function configure(metricPowers: i32, lineCap: i32): void {
  metricPow10Count = metricPowers;
  maxLineBytes = lineCap;
}

@inline export function lineCap(): i32 { return maxLineBytes; }
@inline export function metricLabelCount(): i32 { return labelCount; }
@inline export function metricLabelLength(definition: i32): usize { return <usize>getI32(labelLength, definition); }
@inline export function metricLabelAddress(definition: i32): usize {
  return labelBytes + <usize>getI32(labelOffset, definition);
}
/** How many divisors the metric fast path has (a longer fraction goes to JavaScript), and 10^digits. */
@inline export function metricScaleCount(): i32 { return metricPow10Count; }
@inline export function metricScale(digits: i32): f64 { return getF64(metricPow10, digits); }
@inline export function timeScale(digits: i32): f64 { return getF64(timePow10, digits); }
@inline export function isProblemLevel(id: i32): bool { return getI32(levelIsProblem, id) != 0; }

/** The id (index in KNOWN_LEVELS) of the level in [start, end), or -1 for a level outside the table. */
export function knownLevelId(start: usize, end: usize): i32 {
  const length = <i32>(end - start);
  for (let id = 0; id < levelCount; id++) {
    if (getI32(levelLength, id) != length) continue;
    const at = levelBytes + <usize>getI32(levelOffset, id);
    let k = 0;
    while (k < length && load<u8>(at + <usize>k) == load<u8>(start + <usize>k)) k++;
    if (k == length) return id;
  }
  return -1;
}
