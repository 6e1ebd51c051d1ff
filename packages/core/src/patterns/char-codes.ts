/**
 * Tests on UTF-16 code units. `charCodeAt` past either end of a string gives NaN, which every test here
 * rejects, so scanners may look one character beyond the message without bounds checks.
 */

export const CODE = {
  tab: 0x09,
  space: 0x20,
  doubleQuote: 0x22,
  apostrophe: 0x27,
  plus: 0x2b,
  minus: 0x2d,
  dot: 0x2e,
  slash: 0x2f,
  colon: 0x3a,
  lessThan: 0x3c,
  greaterThan: 0x3e,
  at: 0x40,
  openBracket: 0x5b,
  backslash: 0x5c,
  closeBracket: 0x5d,
  underscore: 0x5f,
  tilde: 0x7e,
} as const;

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

export function isUpperLetter(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

export function isLowerLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

export function isAsciiLetter(c: number): boolean {
  return isUpperLetter(c) || isLowerLetter(c);
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isAsciiLetter(c);
}

/** Characters of a code identifier: a token touching one of these is glued to a word. */
export function isIdentChar(c: number): boolean {
  return isAlnum(c) || c === CODE.underscore;
}

export function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The same set as JavaScript's `\s`: messages come from Windows and Unix builds alike. */
export function isWhitespace(c: number): boolean {
  return (
    c === CODE.space ||
    (c >= CODE.tab && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

const TOKEN_OPENERS = new Set([..."([{<=,;:'\"|"].map((ch) => ch.charCodeAt(0)));

/**
 * Whether a path, URL or e-mail address may start right after `prev` (NaN: start of the message).
 * An explicit list rather than "not a word character": `>` closes a placeholder, and `5/abc` masks to
 * `<num>/abc`, which must not turn into a path when the template is masked again.
 */
export function opensToken(prev: number): boolean {
  return Number.isNaN(prev) || isWhitespace(prev) || TOKEN_OPENERS.has(prev);
}
