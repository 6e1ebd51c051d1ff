/** Rows per multi-row statement: far below both databases' bound-parameter limits (SQLite 32766, pg 65535). */
export const ROWS_PER_STATEMENT = 500;

export function chunks<T>(items: readonly T[], size: number = ROWS_PER_STATEMENT): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    result.push(items.slice(start, start + size));
  }
  return result;
}
