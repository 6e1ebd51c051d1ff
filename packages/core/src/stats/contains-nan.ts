/** Whether any value is NaN (the statistics here either propagate it or refuse to answer). */
export function containsNaN(values: ArrayLike<number>): boolean {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) return true;
  }
  return false;
}
