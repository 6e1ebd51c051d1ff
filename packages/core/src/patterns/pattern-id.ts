/**
 * A stable short id for a template, used as a database key across processes and versions:
 * 64-bit FNV-1a over the template's UTF-8 bytes, written as 16 lower-case hex digits.
 * UTF-8 (not UTF-16 code units) so that any language can recompute an id from the text alone; a lone
 * surrogate, which has no UTF-8 form, counts as U+FFFD (EF BF BD), as `TextEncoder` does.
 * Changing anything here changes every stored id.
 */

const OFFSET_BASIS_HIGH = 0xcbf29ce4;
const OFFSET_BASIS_LOW = 0x84222325;
/** The FNV-1a 64-bit prime is 2^40 + 0x1b3: multiplying is a shift plus a small product. */
const PRIME_LOW = 0x1b3;
const TWO_POW_32 = 0x1_0000_0000;
const REPLACEMENT_CHARACTER = 0xfffd;

/** 64-bit state as two unsigned 32-bit halves: plain numbers stay exact, BigInt would be slower. */
class Fnv1a64 {
  #high = OFFSET_BASIS_HIGH;
  #low = OFFSET_BASIS_LOW;

  addByte(byte: number): void {
    const low = (this.#low ^ byte) >>> 0;
    // (high·2^32 + low) · (2^40 + 0x1b3) mod 2^64; every intermediate stays below 2^53.
    const lowProduct = low * PRIME_LOW;
    const carry = Math.floor(lowProduct / TWO_POW_32);
    this.#high = (this.#high * PRIME_LOW + carry + low * 256) >>> 0;
    this.#low = lowProduct >>> 0;
  }

  addCodePoint(cp: number): void {
    if (cp < 0x80) {
      this.addByte(cp);
    } else if (cp < 0x800) {
      this.addByte(0xc0 | (cp >> 6));
      this.addByte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      this.addByte(0xe0 | (cp >> 12));
      this.addByte(0x80 | ((cp >> 6) & 0x3f));
      this.addByte(0x80 | (cp & 0x3f));
    } else {
      this.addByte(0xf0 | (cp >> 18));
      this.addByte(0x80 | ((cp >> 12) & 0x3f));
      this.addByte(0x80 | ((cp >> 6) & 0x3f));
      this.addByte(0x80 | (cp & 0x3f));
    }
  }

  hex(): string {
    return this.#high.toString(16).padStart(8, "0") + this.#low.toString(16).padStart(8, "0");
  }
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/** `patternId("")` is `cbf29ce484222325` (the offset basis), `patternId("a")` is `af63dc4c8601ec8c`. */
export function patternId(template: string): string {
  const hash = new Fnv1a64();
  for (let i = 0; i < template.length; i++) {
    const unit = template.charCodeAt(i);
    const next = template.charCodeAt(i + 1);
    if (isHighSurrogate(unit) && isLowSurrogate(next)) {
      hash.addCodePoint(0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00));
      i++;
    } else if (isHighSurrogate(unit) || isLowSurrogate(unit)) {
      hash.addCodePoint(REPLACEMENT_CHARACTER);
    } else {
      hash.addCodePoint(unit);
    }
  }
  return hash.hex();
}
