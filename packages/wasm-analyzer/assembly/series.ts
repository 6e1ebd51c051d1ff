// The metric series, kept in this module's memory in fixed-size blocks: appending never copies, memory
// grows by whole blocks, and JavaScript copies a column out only if the caller keeps series.

/** Points per block; a block holds BLOCK_POINTS times then BLOCK_POINTS values. */
const BLOCK_POINTS: i32 = 8192;
const COLUMN_BYTES: usize = <usize>BLOCK_POINTS << 3;
export const MAX_DEFINITIONS: i32 = 8;
/** 16,384 blocks of 8,192 points: 134 million points per series, far beyond any real log. */
const MAX_BLOCKS: i32 = 16384;

export function blockPoints(): i32 { return BLOCK_POINTS; }

/** Off when the caller keeps only statistics: times are then never written (their pages never touched). */
let storeTimes = true;

export function keepTimes(keep: bool): void {
  storeTimes = keep;
}

const blockTable: usize = memory.data(MAX_DEFINITIONS * MAX_BLOCKS * 4, 16);
const pointCounts: usize = memory.data(MAX_DEFINITIONS * 4, 16);
/** Per definition: the next free value slot of its current block, and the end of that block's values. */
const nextValue: usize = memory.data(MAX_DEFINITIONS * 4, 16);
const valuesEnd: usize = memory.data(MAX_DEFINITIONS * 4, 16);

@inline function slot(table: usize, definition: i32): usize { return table + (<usize>definition << 2); }

@inline function tableSlot(definition: i32, block: i32): usize {
  return blockTable + (<usize>(definition * MAX_BLOCKS + block) << 2);
}

export function pointCount(definition: i32): i32 {
  return load<i32>(slot(pointCounts, definition));
}

/** Address of a block's first time; its values start BLOCK_POINTS * 8 bytes later. */
export function blockAddress(definition: i32, block: i32): usize {
  return <usize>load<u32>(tableSlot(definition, block));
}

/** Address of point `index`'s value. */
function valueAddress(definition: i32, index: i32): usize {
  return blockAddress(definition, index / BLOCK_POINTS) + COLUMN_BYTES + (<usize>(index % BLOCK_POINTS) << 3);
}

/** Points the cursor at slot `count` (a block allocated earlier is reused after points were dropped). */
function seek(definition: i32, count: i32): void {
  const block = count / BLOCK_POINTS;
  if (block >= MAX_BLOCKS) abort("series too long", "series.ts", 0, 0);
  let base = blockAddress(definition, block);
  if (base == 0) {
    base = heap.alloc(COLUMN_BYTES << 1);
    store<u32>(tableSlot(definition, block), <u32>base);
  }
  store<u32>(slot(nextValue, definition), <u32>(base + COLUMN_BYTES + (<usize>(count % BLOCK_POINTS) << 3)));
  store<u32>(slot(valuesEnd, definition), <u32>(base + (COLUMN_BYTES << 1)));
}

/** Appends a point; returns the address of its value. */
export function appendPoint(definition: i32, time: f64, value: f64): usize {
  let at = <usize>load<u32>(slot(nextValue, definition));
  const count = pointCount(definition);
  if (at == <usize>load<u32>(slot(valuesEnd, definition))) {
    seek(definition, count);
    at = <usize>load<u32>(slot(nextValue, definition));
  }
  store<f64>(at, value);
  if (storeTimes) store<f64>(at - COLUMN_BYTES, time);
  store<u32>(slot(nextValue, definition), <u32>(at + 8));
  store<i32>(slot(pointCounts, definition), count + 1);
  return at;
}

/**
 * Removes the points from `from` on whose value is NaN (numbers JavaScript found not finite or not numbers;
 * no kept value is NaN), keeping the others in order.
 */
export function dropNaNPoints(definition: i32, from: i32): void {
  const count = pointCount(definition);
  let kept = from;
  for (let i = from; i < count; i++) {
    const at = valueAddress(definition, i);
    const value = load<f64>(at);
    if (isNaN(value)) continue;
    if (kept != i) {
      const to = valueAddress(definition, kept);
      store<f64>(to, value);
      store<f64>(to - COLUMN_BYTES, load<f64>(at - COLUMN_BYTES));
    }
    kept++;
  }
  if (kept == count) return;
  store<i32>(slot(pointCounts, definition), kept);
  seek(definition, kept);
}

/** Copies a series' values, in order, to `target`. */
export function copyValues(definition: i32, target: usize): void {
  const count = pointCount(definition);
  for (let block = 0; block * BLOCK_POINTS < count; block++) {
    const n = min(BLOCK_POINTS, count - block * BLOCK_POINTS);
    memory.copy(target + (<usize>(block * BLOCK_POINTS) << 3), blockAddress(definition, block) + COLUMN_BYTES, <usize>n << 3);
  }
}
