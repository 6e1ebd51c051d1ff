/**
 * Tokens of the Python literal subset the old dashboard's `logs.py` uses: brackets, commas, colons, `=`,
 * signs, names, numbers and strings (decoded here, escapes included). Never evaluates anything: it only
 * recognises characters, so a hostile file can at worst be refused.
 */
import type { ManifestSyntaxError } from "./types.js";

export type Token =
  | { readonly kind: "punct"; readonly text: string; readonly offset: number }
  | { readonly kind: "name"; readonly text: string; readonly offset: number }
  | { readonly kind: "number"; readonly value: number; readonly offset: number }
  | { readonly kind: "string"; readonly value: string; readonly offset: number }
  | { readonly kind: "eof"; readonly offset: number };

const PUNCT = new Set(["[", "]", "{", "}", "(", ")", ",", ":", "=", "-", "+"]);
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const HEX_INT = /0[xX](?:_?[0-9a-fA-F])+/y;
const OCT_INT = /0[oO](?:_?[0-7])+/y;
const BIN_INT = /0[bB](?:_?[01])+/y;
const DIGITS = "\\d(?:_?\\d)*";
const DECIMAL = new RegExp(`(?:${DIGITS}(?:\\.(?:${DIGITS})?)?|\\.${DIGITS})(?:[eE][+-]?${DIGITS})?`, "y");
/** The string prefixes Python 2 and 3 print for text: `u''`, `r''`, `ur''`/`ru''` in any case. */
const TEXT_PREFIX = /^(?:[uU]?[rR]?|[rR][uU])$/;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

export class PythonTokenizer {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly fail: (message: string, offset: number) => ManifestSyntaxError,
  ) {}

  next(): Token {
    this.skipSpaceAndComments();
    const start = this.pos;
    const text = this.text;
    if (start >= text.length) return { kind: "eof", offset: start };
    const c = text.charAt(start);
    if (c === "'" || c === '"') return this.string(start, "");
    if (/[0-9.]/.test(c)) return this.number(start);
    NAME.lastIndex = start;
    const name = NAME.exec(text);
    if (name !== null) {
      const quote = text.charAt(start + name[0].length);
      if (quote === "'" || quote === '"') return this.string(start, name[0]);
      this.pos = start + name[0].length;
      return { kind: "name", text: name[0], offset: start };
    }
    if (PUNCT.has(c)) {
      this.pos++;
      return { kind: "punct", text: c, offset: start };
    }
    throw this.fail(`unexpected character ${JSON.stringify(c)}`, start);
  }

  private skipSpaceAndComments(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c) this.pos++;
      else if (c === 0x23 /* # */) {
        const nl = text.indexOf("\n", this.pos);
        this.pos = nl < 0 ? text.length : nl + 1;
      } else if (c === 0x5c /* \ */ && /^\\\r?\n/.test(text.slice(this.pos, this.pos + 3))) {
        // An explicit line joining backslash.
        this.pos += text.charAt(this.pos + 1) === "\r" ? 3 : 2;
      } else return;
    }
  }

  private number(start: number): Token {
    const text = this.text;
    for (const [pattern, radix] of [
      [HEX_INT, 16],
      [OCT_INT, 8],
      [BIN_INT, 2],
    ] as const) {
      pattern.lastIndex = start;
      const m = pattern.exec(text);
      if (m !== null)
        return this.finishNumber(start, m[0].length, Number.parseInt(m[0].slice(2).replace(/_/g, ""), radix));
    }
    DECIMAL.lastIndex = start;
    const m = DECIMAL.exec(text);
    if (m === null) throw this.fail("malformed number", start);
    const literal = m[0];
    if (/^0\d/.test(literal) && /^[\d_]+$/.test(literal) && /[1-9]/.test(literal)) {
      // `010` is 8 in Python 2 and an error in Python 3: refuse rather than guess.
      throw this.fail(`ambiguous number with a leading zero: ${literal}`, start);
    }
    return this.finishNumber(start, literal.length, Number(literal.replace(/_/g, "")));
  }

  private finishNumber(start: number, length: number, value: number): Token {
    let end = start + length;
    const suffix = this.text.charAt(end);
    if (suffix === "l" || suffix === "L")
      end++; // Python 2 long
    else if (suffix === "j" || suffix === "J") throw this.fail("complex numbers are not supported", start);
    if (/[A-Za-z0-9_]/.test(this.text.charAt(end))) throw this.fail("malformed number", start);
    this.pos = end;
    return { kind: "number", value, offset: start };
  }

  private string(start: number, prefix: string): Token {
    if (!TEXT_PREFIX.test(prefix)) {
      throw this.fail(`string prefix ${JSON.stringify(prefix)} is not a plain text literal`, start);
    }
    const raw = /r/i.test(prefix);
    const text = this.text;
    let pos = start + prefix.length;
    const quote = text.charAt(pos);
    const triple = text.startsWith(quote.repeat(3), pos);
    const closer = triple ? quote.repeat(3) : quote;
    pos += closer.length;
    const parts: string[] = [];
    let runStart = pos;
    for (;;) {
      if (pos >= text.length) throw this.fail("unterminated string", start);
      const c = text.charAt(pos);
      if (c === quote && text.startsWith(closer, pos)) break;
      if ((c === "\n" || c === "\r") && !triple)
        throw this.fail("unterminated string (newline inside)", start);
      if (c !== "\\") {
        pos++;
        continue;
      }
      parts.push(text.slice(runStart, pos));
      pos = raw ? this.rawEscape(pos, parts) : this.escape(pos, parts);
      runStart = pos;
    }
    parts.push(text.slice(runStart, pos));
    this.pos = pos + closer.length;
    return { kind: "string", value: parts.join(""), offset: start };
  }

  /** In a raw string a backslash stays, and shields the next character from ending the string. */
  private rawEscape(pos: number, parts: string[]): number {
    const next = this.text.charAt(pos + 1);
    if (next === "") throw this.fail("unterminated string", pos);
    parts.push(`\\${next}`);
    return pos + 2;
  }

  /** Decodes the escape at `pos` (a backslash) into `parts`; returns where the string continues. */
  private escape(pos: number, parts: string[]): number {
    const text = this.text;
    const c = text.charAt(pos + 1);
    if (c === "") throw this.fail("unterminated string", pos);
    if (c === "\n") return pos + 2; // backslash-newline joins lines inside the string
    if (c === "\r") return text.charAt(pos + 2) === "\n" ? pos + 3 : pos + 2;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      parts.push(simple);
      return pos + 2;
    }
    const octal = /^[0-7]{1,3}/.exec(text.slice(pos + 1, pos + 4));
    if (octal !== null) {
      parts.push(String.fromCharCode(Number.parseInt(octal[0], 8)));
      return pos + 1 + octal[0].length;
    }
    const hexLength = c === "x" ? 2 : c === "u" ? 4 : c === "U" ? 8 : 0;
    if (hexLength > 0) {
      const digits = text.slice(pos + 2, pos + 2 + hexLength);
      const code =
        /^[0-9a-fA-F]+$/.test(digits) && digits.length === hexLength ? Number.parseInt(digits, 16) : -1;
      if (code < 0 || code > 0x10ffff) throw this.fail(`invalid \\${c} escape`, pos);
      parts.push(String.fromCodePoint(code));
      return pos + 2 + hexLength;
    }
    if (c === "N") throw this.fail("\\N{...} escapes are not supported; use \\u or \\U", pos);
    // Python keeps unknown escapes as they are.
    parts.push(`\\${c}`);
    return pos + 2;
  }
}
