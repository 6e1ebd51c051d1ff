import { CODE, isAlnum, isDigit, isHexDigit, isLowerLetter, isUpperLetter } from "./char-codes.js";

/** What an alphanumeric word (a maximal run of `[A-Za-z0-9]`) stands for. */
export type WordKind = "hex" | "id" | "plain";

/** Below this, a hex-looking word is more likely a name (`D3D11`, `BC7`, `fe80`) than a value. */
const MIN_BARE_HEX_LENGTH = 6;
/** Version hashes (`1A32D5BE58D317FF`) and longer hex strings identify something rather than count it. */
const MIN_ID_LENGTH = 16;
/** `0x` followed by this many decimal digits or fewer reads as a dimension (`0x0`, `0x1080`), not hex. */
const MAX_DIMENSION_DIGITS = 4;

interface CharCensus {
  readonly digits: number;
  readonly letters: number;
  readonly allHex: boolean;
  readonly mixedCase: boolean;
}

function census(s: string, start: number, end: number): CharCensus {
  let digits = 0;
  let upper = 0;
  let lower = 0;
  let allHex = true;
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    if (isDigit(c)) digits++;
    else if (isUpperLetter(c)) upper++;
    else if (isLowerLetter(c)) lower++;
    if (!isHexDigit(c)) allHex = false;
  }
  return { digits, letters: upper + lower, allHex, mixedCase: upper > 0 && lower > 0 };
}

/** `123e5`: a C float, even though every character is a hex digit. */
function isExponentNumber(s: string, start: number, end: number): boolean {
  let j = start;
  while (j < end && isDigit(s.charCodeAt(j))) j++;
  if (j === start || j >= end) return false;
  const e = s.charCodeAt(j);
  if (e !== 0x65 && e !== 0x45) return false;
  for (j++; j < end; j++) if (!isDigit(s.charCodeAt(j))) return false;
  return true;
}

function classifyPrefixedHex(s: string, start: number, end: number): WordKind {
  const body = census(s, start + 2, end);
  if (end - start < 3 || !body.allHex) return "plain";
  // `0x0` in "Found Resolution: 0x0" is a width and a height; `0x80070005` is an HRESULT.
  if (body.letters === 0 && end - start - 2 <= MAX_DIMENSION_DIGITS) return "plain";
  return "hex";
}

/**
 * Classifies the word `s[start, end)`. Real hex mixes digits and letters in one case (`887A0022`,
 * `e2cd777`); words that merely contain digits are names of code (`SDL2`, `x264`, `D3D11`) and stay.
 */
export function classifyWord(s: string, start: number, end: number): WordKind {
  const second = s.charCodeAt(start + 1);
  if (s.charCodeAt(start) === 0x30 && (second === 0x78 || second === 0x58)) {
    return classifyPrefixedHex(s, start, end);
  }
  const length = end - start;
  const c = census(s, start, end);
  const looksHex = c.allHex && !c.mixedCase && c.digits > 0 && c.letters > 0;
  if (looksHex && length >= MIN_BARE_HEX_LENGTH && !isExponentNumber(s, start, end)) {
    return length >= MIN_ID_LENGTH ? "id" : "hex";
  }
  // Random tokens spread digits and letters; names like `ID3D11DeviceContext1` are mostly letters.
  if (length >= MIN_ID_LENGTH && c.digits * 4 >= length && c.letters * 4 >= length) return "id";
  return "plain";
}

/** One segment of a hyphen-joined id: a whole word of at least 4 hex digits in one case. */
function hexSegmentEnd(s: string, start: number): number {
  let j = start;
  while (isAlnum(s.charCodeAt(j))) j++;
  const c = census(s, start, j);
  return j - start >= 4 && c.allHex && !c.mixedCase ? j : -1;
}

/**
 * Scans hyphen-joined hex segments from `start` (UUIDs, `e2cd777-1B1D1F08`). `isId` says whether they
 * form an id: two or more segments, at least 12 hex digits, digits and letters both present (so dates
 * and phone numbers stay numbers). `end` is where the scan stopped either way: any compound starting
 * inside a failed one fails too, which lets the caller skip it and stay linear.
 */
export function scanHexCompound(s: string, start: number): { readonly end: number; readonly isId: boolean } {
  let end = hexSegmentEnd(s, start);
  if (end < 0) return { end: start, isId: false };
  let segments = 1;
  while (s.charCodeAt(end) === CODE.minus) {
    const next = hexSegmentEnd(s, end + 1);
    if (next < 0) break;
    end = next;
    segments++;
  }
  const c = census(s, start, end);
  const isId = segments >= 2 && c.digits + c.letters >= 12 && c.digits > 0 && c.letters > 0;
  return { end, isId };
}
