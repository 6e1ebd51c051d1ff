// The metric series, kept in this module's memory in fixed-size blocks: appending never copies, memory
// grows by whole blocks, and JavaScript copies a column out only if the caller keeps series.

/** Points per block; a block holds BLOCK_POINTS times then BLOCK_POINTS values. */
export const BLOCK_POINTS: i32 = 8192;
export function blockPoints(): i32 { return BLOCK_POINTS; }
const BLOCK_BYTES: usize = <usize>BLOCK_POINTS << 4;
export const MAX_DEFINITIONS: i32 = 8;
/** 16,384 blocks of 8,192 points: 134 million points per series, far beyond any real log. */
const MAX_BLOCKS: i32 = 16384;

const blockTable: usize = memory.data(MAX_DEFINITIONS * MAX_BLOCKS * 4, 16);
const pointCounts: usize = memory.data(MAX_DEFINITIONS * 4, 16);

@inline function tableSlot(definition: i32, block: i32): usize {
  return blockTable + ((<usize>(definition * MAX_BLOCKS + block)) << 2);
}

export function pointCount(definition: i32): i32 {
  return load<i32>(pointCounts + (<usize>definition << 2));
}

@inline function setPointCount(definition: i32, count: i32): void {
  store<i32>(pointCounts + (<usize>definition << 2), count);
}

/** Address of a block's first time; its values start BLOCK_POINTS * 8 bytes later. */
export function blockAddress(definition: i32, block: i32): usize {
  return <usize>load<u32>(tableSlot(definition, block));
}

/** Address of point `index`'s value. */
export function valueAddress(definition: i32, index: i32): usize {
  return blockAddress(definition, index / BLOCK_POINTS) + (<usize>BLOCK_POINTS << 3) + (<usize>(index % BLOCK_POINTS) << 3);
}

@inline function timeAddress(definition: i32, index: i32): usize {
  return blockAddress(definition, index / BLOCK_POINTS) + (<usize>(index % BLOCK_POINTS) << 3);
}

/** Appends a point; returns its index. */
export function appendPoint(definition: i32, time: f64, value: f64): i32 {
  const index = pointCount(definition);
  const offset = index % BLOCK_POINTS;
  if (offset == 0) {
    const block = index / BLOCK_POINTS;
    if (block >= MAX_BLOCKS) abort("series too long", "series.ts", 0, 0);
    store<u32>(tableSlot(definition, block), <u32>heap.alloc(BLOCK_BYTES));
  }
  const base = blockAddress(definition, index / BLOCK_POINTS);
  store<f64>(base + (<usize>offset << 3), time);
  store<f64>(base + (<usize>BLOCK_POINTS << 3) + (<usize>offset << 3), value);
  setPointCount(definition, index + 1);
  return index;
}

/**
 * Removes the points from `from` on whose value is NaN (numbers JavaScript found not finite or not numbers;
 * no kept value is NaN), keeping the others in order.
 */
export function dropNaNPoints(definition: i32, from: i32): void {
  const count = pointCount(definition);
  let kept = from;
  for (let i = from; i < count; i++) {
    const value = load<f64>(valueAddress(definition, i));
    if (isNaN(value)) continue;
    if (kept != i) {
      store<f64>(timeAddress(definition, kept), load<f64>(timeAddress(definition, i)));
      store<f64>(valueAddress(definition, kept), value);
    }
    kept++;
  }
  setPointCount(definition, kept);
}

/** Copies a series' values, in order, to `target`. */
export function copyValues(definition: i32, target: usize): void {
  const count = pointCount(definition);
  for (let block = 0; block * BLOCK_POINTS < count; block++) {
    const n = min(BLOCK_POINTS, count - block * BLOCK_POINTS);
    memory.copy(target + (<usize>(block * BLOCK_POINTS) << 3), blockAddress(definition, block) + (<usize>BLOCK_POINTS << 3), <usize>n << 3);
  }
}
