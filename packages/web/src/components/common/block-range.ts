/** Which rows a virtualized list renders, in blocks (the connections table and the raw log viewer). */
import type { Range } from "@tanstack/react-virtual";

/**
 * The rows to render for rows [start, end] on screen: whole blocks of `block` rows, enough for the screen
 * and one spare block on each side. The window is placed by `start` alone (its length follows the number
 * of rows on screen, which hardly changes), so both its edges move on the same frame, once per block
 * scrolled: the other frames change nothing in the DOM (the browser only moves pixels) instead of
 * adding and removing a row each.
 */
export function blockRange(start: number, end: number, count: number, block: number): [number, number] {
  if (count <= 0) return [0, -1];
  const startBlock = Math.floor(start / block);
  const blocks = Math.ceil((end - start + 1) / block) + 2;
  const first = Math.max(0, (startBlock - 1) * block);
  const last = Math.min(count - 1, (startBlock + blocks) * block - 1);
  return [first, last];
}

/**
 * A virtualizer `rangeExtractor` rendering whole blocks of `block` rows (one per virtualizer: it
 * remembers the window it rendered last). When the screen jumps past that whole window (a fling, a
 * dragged scrollbar), nothing rendered is reused and spare blocks would be thrown away on the next
 * frame too: it renders the screen's blocks alone until the scrolling slows down again.
 */
export function blockExtractor(block: number): (range: Range) => number[] {
  let previous: readonly [number, number] | null = null;
  return (range) => {
    const jumped = previous !== null && (range.endIndex < previous[0] || range.startIndex > previous[1]);
    const [first, last] = jumped
      ? screenBlocks(range.startIndex, range.endIndex, range.count, block)
      : blockRange(range.startIndex, range.endIndex, range.count, block);
    previous = [first, last];
    const rows: number[] = [];
    for (let row = first; row <= last; row++) rows.push(row);
    return rows;
  };
}

/** The whole blocks that rows [start, end] on screen fall in, without spares. */
export function screenBlocks(start: number, end: number, count: number, block: number): [number, number] {
  if (count <= 0) return [0, -1];
  const first = Math.floor(start / block) * block;
  const last = Math.min(count - 1, (Math.floor(end / block) + 1) * block - 1);
  return [first, last];
}
