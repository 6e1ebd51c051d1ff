// Helpers shared by the core's tests: hand-written logs as text → bytes.
const encoder = new TextEncoder();

export const utf8 = (text: string): Uint8Array => encoder.encode(text);

/** Joins lines with `\n` (or the given ending) and ends the file with one. */
export const logText = (lines: readonly string[], eol = "\n"): Uint8Array =>
  utf8(lines.map((l) => l + eol).join(""));

/** Splits `bytes` at the given offsets (sorted, deduplicated, clamped) into chunks. */
export function chunkAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(bytes.slice(from, p));
    from = p;
  }
  chunks.push(bytes.slice(from));
  return chunks;
}
