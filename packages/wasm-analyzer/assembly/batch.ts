// The buffers shared with JavaScript while a log is scanned: the input, and the batch of what JavaScript
// must finish (events, numbers off the fast path) after each scanLines. Static regions (memory.data) cost
// nothing until touched: no zeroing at start, no page faults for capacity a small log never uses.
import { appendPoint, dropNaNPoints, MAX_DEFINITIONS, pointCount } from "./series";
import { getI32, setI32 } from "./words";

/** Bytes to scan. JavaScript copies chunks in; capacity must exceed twice the core's MAX_LINE_BYTES + 1. */
export const INPUT_CAPACITY: i32 = 3 << 20;
export const input: usize = memory.data(INPUT_CAPACITY, 16);

/**
 * Points whose number JavaScript must parse (exponent, many digits, nan/inf, not a number), in line order:
 * the address of the point's value (a NaN placeholder for JavaScript to overwrite) and the number's bytes.
 */
const SLOW_CAPACITY: i32 = 1 << 14;
const slowValueAddress: usize = memory.data(SLOW_CAPACITY * 4, 16);
const slowStart: usize = memory.data(SLOW_CAPACITY * 4, 16);
const slowEnd: usize = memory.data(SLOW_CAPACITY * 4, 16);

/** Events of the current batch, in line order: problem entries and entries with an unknown level. */
const EVENT_CAPACITY: i32 = 1 << 14;
const eventKind: usize = memory.data(EVENT_CAPACITY * 4, 16);
const eventLevelStart: usize = memory.data(EVENT_CAPACITY * 4, 16);
const eventLevelEnd: usize = memory.data(EVENT_CAPACITY * 4, 16);
const eventMessageStart: usize = memory.data(EVENT_CAPACITY * 4, 16);
const eventMessageEnd: usize = memory.data(EVENT_CAPACITY * 4, 16);
const eventTime: usize = memory.data(EVENT_CAPACITY * 8, 16);
/** A known level the caller counts patterns for (ERROR, FATAL_ERROR, WARNING); eventLevelStart = its id. */
export const EVENT_PROBLEM: i32 = 1;
/** A level outside the known table; the caller names, counts and classifies it. */
export const EVENT_UNKNOWN_LEVEL: i32 = 2;

export function inputAddress(): usize { return input; }
export function inputCapacity(): i32 { return INPUT_CAPACITY; }
export function maxDefinitions(): i32 { return MAX_DEFINITIONS; }
export function slowCapacity(): i32 { return SLOW_CAPACITY; }
export function eventCapacity(): i32 { return EVENT_CAPACITY; }
export function slowValueAddressAddress(): usize { return slowValueAddress; }
export function slowStartAddress(): usize { return slowStart; }
export function slowEndAddress(): usize { return slowEnd; }
export function eventKindAddress(): usize { return eventKind; }
export function eventLevelStartAddress(): usize { return eventLevelStart; }
export function eventLevelEndAddress(): usize { return eventLevelEnd; }
export function eventMessageStartAddress(): usize { return eventMessageStart; }
export function eventMessageEndAddress(): usize { return eventMessageEnd; }
export function eventTimeAddress(): usize { return eventTime; }

let slows: i32 = 0;
let events: i32 = 0;
let batchFull = false;
/** Each series' point count when the batch started: points from there on may still be dropped. */
const batchStartPoints: usize = memory.data(MAX_DEFINITIONS * 4, 16);

export function batchSlowNumbers(): i32 { return slows; }
export function batchEvents(): i32 { return events; }
/** True when the last scanLines stopped because the batch buffers were full, not for lack of lines. */
export function lastBatchFull(): bool { return batchFull; }

export function startBatch(): void {
  for (let d = 0; d < MAX_DEFINITIONS; d++) setI32(batchStartPoints, d, pointCount(d));
  slows = 0;
  events = 0;
  batchFull = false;
}

/** After a line: true (and the batch marked full) when one more line might not fit. */
export function batchWouldOverflow(): bool {
  // One line adds at most one slow number and one event.
  if (slows < SLOW_CAPACITY - 1 && events < EVENT_CAPACITY - 1) return false;
  batchFull = true;
  return true;
}

export function pushEvent(kind: i32, a: i32, b: i32, messageStart: usize, messageEnd: usize, time: f64): void {
  setI32(eventKind, events, kind);
  setI32(eventLevelStart, events, a);
  setI32(eventLevelEnd, events, b);
  setI32(eventMessageStart, events, <i32>(messageStart - input));
  setI32(eventMessageEnd, events, <i32>(messageEnd - input));
  store<f64>(eventTime + (<usize>events << 3), time);
  events++;
}

/** A point whose number (bytes [start, end)) JavaScript will parse; its value is a placeholder until then. */
export function pushSlowPoint(definition: i32, time: f64, start: usize, end: usize): void {
  setI32(slowValueAddress, slows, <i32>appendPoint(definition, time, NaN));
  setI32(slowStart, slows, <i32>(start - input));
  setI32(slowEnd, slows, <i32>(end - input));
  slows++;
}

/** After JavaScript wrote NaN into the slow points it rejected: removes them from this batch's points. */
export function dropRejectedPoints(): void {
  for (let d = 0; d < MAX_DEFINITIONS; d++) dropNaNPoints(d, getI32(batchStartPoints, d));
}

/**
 * Appends `count` points of a later part of the log from the input buffer (free once this part is read):
 * values at input[0, 8·count), then, when `withTimes`, times at input[8·count, 16·count).
 */
export function appendFromInput(definition: i32, count: i32, withTimes: bool): void {
  const times = input + (<usize>count << 3);
  for (let i = 0; i < count; i++) {
    const at = <usize>i << 3;
    appendPoint(definition, withTimes ? load<f64>(times + at) : 0, load<f64>(input + at));
  }
}
