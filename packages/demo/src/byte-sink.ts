/**
 * A growable byte buffer that text is written into directly. A one-hour log has ~50,000 lines; writing
 * their bytes as they come (instead of joining strings and encoding them at the end) keeps generation
 * fast and the garbage collector idle.
 */
/** 10^0 … 10^9, to count the digits of a number below 2^31 without dividing. */
const POWERS_OF_TEN = Array.from({ length: 10 }, (_, i) => 10 ** i);

export class ByteSink {
  private buffer: Uint8Array;
  private length = 0;

  /**
   * @param latin1 write characters U+0080–U+00FF as one byte (a Windows ANSI code page), not UTF-8
   * @param initialSize a good guess of the final size saves regrowing and copying
   */
  constructor(
    private readonly latin1 = false,
    initialSize = 1 << 16,
  ) {
    this.buffer = new Uint8Array(initialSize);
  }

  get size(): number {
    return this.length;
  }

  byte(value: number): void {
    if (this.length === this.buffer.length) this.grow(1);
    this.buffer[this.length++] = value;
  }

  bytes(values: Uint8Array): void {
    const n = values.length;
    if (this.length + n > this.buffer.length) this.grow(n);
    if (n > 32) {
      this.buffer.set(values, this.length);
      this.length += n;
      return;
    }
    // Most pieces are a few bytes (line endings, clock, call site): a loop beats set() for those.
    const buf = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = values[i] as number;
    this.length = at;
  }

  /**
   * A non-negative integer below 2^31 in decimal, zero-padded to `width` digits: clocks and numbers
   * go straight into the buffer, without a string in between.
   */
  digits(value: number, width: number): void {
    // As an int32, V8 divides by 10 with a multiply and a shift instead of a floating-point division.
    let rest = value | 0;
    let count = width;
    while (count < 10 && rest >= (POWERS_OF_TEN[count] as number)) count++;
    if (this.length + count > this.buffer.length) this.grow(count);
    const buf = this.buffer;
    for (let at = this.length + count - 1; at >= this.length; at--) {
      const tenth = (rest / 10) | 0;
      buf[at] = 0x30 + rest - tenth * 10;
      rest = tenth;
    }
    this.length += count;
  }

  text(s: string): void {
    const n = s.length;
    if (this.length + n * 3 > this.buffer.length) this.grow(n * 3);
    const buf = this.buffer;
    let at = this.length;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) buf[at++] = c;
      else if (this.latin1 && c < 0x100) buf[at++] = c;
      else if (c < 0x800) {
        buf[at++] = 0xc0 | (c >> 6);
        buf[at++] = 0x80 | (c & 0x3f);
      } else {
        // Only characters of the Basic Multilingual Plane occur in the demo's vocabulary.
        buf[at++] = 0xe0 | (c >> 12);
        buf[at++] = 0x80 | ((c >> 6) & 0x3f);
        buf[at++] = 0x80 | (c & 0x3f);
      }
    }
    this.length = at;
  }

  /** The bytes written so far; copied to a right-sized buffer only when much of the capacity is unused. */
  toBytes(): Uint8Array {
    if (this.length >= this.buffer.length * 0.75) return this.buffer.subarray(0, this.length);
    return this.buffer.slice(0, this.length);
  }

  private grow(extra: number): void {
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }
}

/** UTF-8 bytes of an ASCII-or-BMP string (for constants cached by the writer). */
export function encodeText(s: string): Uint8Array {
  const sink = new ByteSink(false, s.length * 3 + 1);
  sink.text(s);
  return sink.toBytes();
}
