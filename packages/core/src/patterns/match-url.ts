import { CODE, isAlnum, isAsciiLetter, isWhitespace } from "./char-codes.js";

/** Real schemes are short; the bound keeps a failed attempt O(1) on a long run of letters. */
const MAX_SCHEME_LENGTH = 32;
const URL_EXCLUDED = new Set([..."\"'<>`|"].map((ch) => ch.charCodeAt(0)));
/** Sentence punctuation after a URL: "see https://x.example/a." */
const TRAILING_PUNCTUATION = new Set([...".,;:!?)]}"].map((ch) => ch.charCodeAt(0)));

function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === CODE.plus || c === CODE.minus || c === CODE.dot;
}

function isUrlChar(c: number): boolean {
  return c > 0x20 && !isWhitespace(c) && !URL_EXCLUDED.has(c);
}

/**
 * End of a URL with a scheme at `i` (`https://…`, `s3://…`), or -1. The scheme has at least two letters
 * so that a drive letter (`C://x`) is left to the path rule.
 */
export function matchUrl(s: string, i: number): number {
  if (!isAsciiLetter(s.charCodeAt(i))) return -1;
  let j = i + 1;
  while (j - i < MAX_SCHEME_LENGTH && isSchemeChar(s.charCodeAt(j))) j++;
  if (j - i < 2 || !s.startsWith("://", j)) return -1;
  const bodyStart = j + 3;
  let end = bodyStart;
  while (isUrlChar(s.charCodeAt(end))) end++;
  while (end > bodyStart && TRAILING_PUNCTUATION.has(s.charCodeAt(end - 1))) end--;
  return end > bodyStart ? end : -1;
}
