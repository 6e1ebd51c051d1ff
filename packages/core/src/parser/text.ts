/**
 * Bytes → text for the few fields a consumer asks for. Invalid UTF-8 becomes U+FFFD instead of stopping
 * the parse: logs come from users' machines and may be cut inside a character.
 */
const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

export function decodeText(buf: Uint8Array, start: number, end: number): string {
  // ASCII fast path: short ASCII fields (levels, file names) are most of what is decoded.
  if (end - start <= 32) {
    let ascii = "";
    for (let i = start; i < end; i++) {
      const c = buf[i] as number;
      if (c >= 0x80) return decoder.decode(buf.subarray(start, end));
      ascii += String.fromCharCode(c);
    }
    return ascii;
  }
  return decoder.decode(buf.subarray(start, end));
}
