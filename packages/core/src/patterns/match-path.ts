import { CODE, isAsciiLetter, isDigit, isWhitespace } from "./char-codes.js";

const WINDOWS_EXCLUDED = new Set([..."\"'<>|*"].map((ch) => ch.charCodeAt(0)));
const POSIX_EXTRA = new Set([..."._~-+@%/=:"].map((ch) => ch.charCodeAt(0)));
/** Sentence punctuation that ends a path rather than belonging to it: "in C:\x\y." */
const TRAILING_PUNCTUATION = new Set([...".,;:!?)]}"].map((ch) => ch.charCodeAt(0)));

function isWindowsPathChar(c: number): boolean {
  return c >= 0x20 && !isWhitespace(c) && !WINDOWS_EXCLUDED.has(c);
}

function isPosixPathChar(c: number): boolean {
  return isAsciiLetter(c) || isDigit(c) || POSIX_EXTRA.has(c);
}

function skipWhile(s: string, i: number, accept: (c: number) => boolean): number {
  let j = i;
  while (accept(s.charCodeAt(j))) j++;
  return j;
}

/** Drops trailing punctuation but never eats into the path's own prefix (`C:\`, `./`). */
function trimTrailing(s: string, minEnd: number, end: number): number {
  let j = end;
  while (j > minEnd && TRAILING_PUNCTUATION.has(s.charCodeAt(j - 1))) j--;
  return j;
}

/** Where the body of a Windows path starts: after `C:\` (or `C:/`), `\\` (UNC, `\\.\DISPLAY1`), `.\`, `..\`. */
function windowsBodyStart(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const second = s.charCodeAt(i + 1);
  const third = s.charCodeAt(i + 2);
  if (isAsciiLetter(c) && second === CODE.colon && (third === CODE.backslash || third === CODE.slash)) {
    return i + 3;
  }
  if (c === CODE.backslash && second === CODE.backslash && isWindowsPathChar(third)) return i + 2;
  if (c === CODE.dot && second === CODE.backslash) return i + 2;
  if (c === CODE.dot && second === CODE.dot && third === CODE.backslash) return i + 3;
  return -1;
}

/** How many space-separated words a Windows path may span before the next backslash (`Program Files (x86)\`). */
const MAX_WORDS_BEFORE_BACKSLASH = 2;

/**
 * End of the words after `end` that continue a Windows path: up to the last of the next
 * `MAX_WORDS_BEFORE_BACKSLASH` words that contains a backslash, or `end` if none does. Bounded look-ahead
 * keeps the cost linear; a word that starts a new path ends this one.
 */
function continuationEnd(s: string, end: number): number {
  let wordEnd = end;
  for (let words = 0; words < MAX_WORDS_BEFORE_BACKSLASH; words++) {
    const wordStart = wordEnd + 1;
    if (s.charCodeAt(wordEnd) !== CODE.space || windowsBodyStart(s, wordStart) >= 0) break;
    wordEnd = skipWhile(s, wordStart, isWindowsPathChar);
    if (wordEnd === wordStart) break;
    if (s.slice(wordStart, wordEnd).includes("\\")) return wordEnd;
  }
  return end;
}

/**
 * End of a Windows path at `i`, or -1. Windows paths hold spaces (`C:\Program Files (x86)\x`), so after
 * a space the path goes on when one of the next words contains a backslash.
 */
export function matchWindowsPath(s: string, i: number): number {
  const bodyStart = windowsBodyStart(s, i);
  if (bodyStart < 0) return -1;
  let end = skipWhile(s, bodyStart, isWindowsPathChar);
  for (let next = continuationEnd(s, end); next > end; next = continuationEnd(s, end)) end = next;
  return trimTrailing(s, bodyStart, end);
}

/** Where a POSIX path's body starts: `/x`, `./x`, `../x`, `~/x`; -1 if none does. */
function posixBodyStart(s: string, i: number): number {
  const c = s.charCodeAt(i);
  const second = s.charCodeAt(i + 1);
  // `/` must be followed by a name, not a digit: "28 / 28" and "HTTP/1.1" stay as they are.
  if (c === CODE.slash) {
    return isAsciiLetter(second) || second === CODE.underscore || second === CODE.dot || second === CODE.tilde
      ? i + 1
      : -1;
  }
  if (c === CODE.tilde && second === CODE.slash) return i + 2;
  if (c === CODE.dot && second === CODE.slash) return i + 2;
  if (c === CODE.dot && second === CODE.dot && s.charCodeAt(i + 2) === CODE.slash) return i + 3;
  return -1;
}

/** End of a POSIX path at `i` (`/var/log/x`, `./run.sh`, `/src/main.c:42`), or -1. */
export function matchPosixPath(s: string, i: number): number {
  const bodyStart = posixBodyStart(s, i);
  if (bodyStart < 0) return -1;
  const end = trimTrailing(s, bodyStart, skipWhile(s, bodyStart, isPosixPathChar));
  return end > bodyStart ? end : -1;
}
