/** Copies the series the scanner module holds (in blocks) out into columns, and parts' series back in. */
import type { Scanner } from "./scanner-module.js";

/** One definition's values (column 1 of a block) or times (column 0), in order. */
export function copyColumnOut(scanner: Scanner, definition: number, column: 0 | 1): Float64Array {
  const { x } = scanner;
  const blockPoints = x.blockPoints();
  const count = x.pointCount(definition);
  const out = new Float64Array(count);
  const memory = scanner.views.f64;
  for (let block = 0; block * blockPoints < count; block++) {
    const n = Math.min(blockPoints, count - block * blockPoints);
    const from = x.blockAddress(definition, block) / 8 + column * blockPoints;
    out.set(memory.subarray(from, from + n), block * blockPoints);
  }
  return out;
}

/**
 * Appends points (values, and times unless null) to a definition's series, through the input buffer; only
 * once the log is read (the buffer is then free).
 */
export function appendColumns(
  scanner: Scanner,
  definition: number,
  values: Float64Array,
  times: Float64Array | null,
): void {
  const perPiece = Math.floor(scanner.views.input.length / 16);
  for (let from = 0; from < values.length; from += perPiece) {
    const n = Math.min(perPiece, values.length - from);
    const { f64, input } = scanner.views;
    const at = input.byteOffset / 8;
    f64.set(values.subarray(from, from + n), at);
    if (times !== null) f64.set(times.subarray(from, from + n), at + n);
    scanner.x.appendFromInput(definition, n, times !== null);
  }
}
