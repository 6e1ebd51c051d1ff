/**
 * Byte-level recognition of one entry line: `TIME | LEVEL | FILE | FUNCTION:LINE | MESSAGE`.
 *
 * Works on byte offsets into the caller's buffer and writes into a reused object, so the hot loop of the
 * parser allocates nothing per line. Strings are only made when a consumer asks for them.
 */

const PIPE = 0x7c;
const SPACE = 0x20;
const TAB = 0x09;
const COLON = 0x3a;
const DOT = 0x2e;
const ZERO = 0x30;
const UPPER_A = 0x41;
const UPPER_Z = 0x5a;
const UNDERSCORE = 0x5f;

/** Longest fraction we accept: 9 digits (nanoseconds) keeps every time exact in a double. */
const MAX_FRAC_DIGITS = 9;

/** Offsets and values of one recognised entry line; fields are [start, end) byte ranges, trimmed. */
export interface EntryHeader {
  /** Whole seconds since 00:00 of the entry's own day (0–86399), before midnight rollover. */
  secondOfDay: number;
  /** The fraction's digits as an integer, e.g. `123456` for `…:123456`. */
  fraction: number;
  /** Number of digits the fraction was written with (3 on Windows builds, 6 on Linux/macOS). */
  fractionDigits: number;
  levelStart: number;
  levelEnd: number;
  fileStart: number;
  fileEnd: number;
  funcStart: number;
  funcEnd: number;
  /** The `LINE` of `FUNCTION:LINE`: the source line in the C file. */
  sourceLine: number;
  messageStart: number;
  messageEnd: number;
}

export function newEntryHeader(): EntryHeader {
  return {
    secondOfDay: 0,
    fraction: 0,
    fractionDigits: 0,
    levelStart: 0,
    levelEnd: 0,
    fileStart: 0,
    fileEnd: 0,
    funcStart: 0,
    funcEnd: 0,
    sourceLine: 0,
    messageStart: 0,
    messageEnd: 0,
  };
}

const isBlank = (b: number): boolean => b === SPACE || b === TAB;

/** Two decimal digits at `i` as a number, or -1. */
function twoDigits(buf: Uint8Array, i: number): number {
  const a = (buf[i] as number) - ZERO;
  const b = (buf[i + 1] as number) - ZERO;
  if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
  return a * 10 + b;
}

function skipBlanks(buf: Uint8Array, i: number, end: number): number {
  while (i < end && isBlank(buf[i] as number)) i++;
  return i;
}

function trimEnd(buf: Uint8Array, start: number, end: number): number {
  while (end > start && isBlank(buf[end - 1] as number)) end--;
  return end;
}

function indexOfPipe(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    if (buf[i] === PIPE) return i;
    i++;
  }
  return -1;
}

/**
 * Recognises an entry in `buf[start, end)` (a line without its line ending). Returns false when the line
 * does not follow the grammar, in which case it is a continuation (or preamble) line.
 */
export function scanEntryHeader(buf: Uint8Array, start: number, end: number, out: EntryHeader): boolean {
  // TIME: HH:MM:SS then ':' or '.' then 1–9 fraction digits.
  if (end - start < 10) return false;
  const hh = twoDigits(buf, start);
  const mm = twoDigits(buf, start + 3);
  const ss = twoDigits(buf, start + 6);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
  if (buf[start + 2] !== COLON || buf[start + 5] !== COLON) return false;
  const sep = buf[start + 8];
  if (sep !== COLON && sep !== DOT) return false;
  let i = start + 9;
  let fraction = 0;
  const fracStart = i;
  while (i < end) {
    const d = (buf[i] as number) - ZERO;
    if (d < 0 || d > 9) break;
    fraction = fraction * 10 + d;
    i++;
  }
  const fractionDigits = i - fracStart;
  if (fractionDigits === 0 || fractionDigits > MAX_FRAC_DIGITS) return false;
  i = skipBlanks(buf, i, end);
  if (i >= end || buf[i] !== PIPE) return false;

  // LEVEL: one upper-case word (letters, digits after the first letter, underscores: FATAL_ERROR).
  i = skipBlanks(buf, i + 1, end);
  const levelStart = i;
  if (i >= end) return false;
  const first = buf[i] as number;
  if (first < UPPER_A || first > UPPER_Z) return false;
  i++;
  while (i < end) {
    const c = buf[i] as number;
    if ((c >= UPPER_A && c <= UPPER_Z) || c === UNDERSCORE || (c >= ZERO && c <= ZERO + 9)) i++;
    else break;
  }
  const levelEnd = i;
  i = skipBlanks(buf, i, end);
  if (i >= end || buf[i] !== PIPE) return false;

  // FILE: anything up to the next '|', not empty once trimmed.
  const fileStart = skipBlanks(buf, i + 1, end);
  const filePipe = indexOfPipe(buf, fileStart, end);
  if (filePipe < 0) return false;
  const fileEnd = trimEnd(buf, fileStart, filePipe);
  if (fileEnd === fileStart) return false;

  // FUNCTION:LINE: a non-empty name, a colon, decimal digits.
  const funcFieldStart = skipBlanks(buf, filePipe + 1, end);
  const funcPipe = indexOfPipe(buf, funcFieldStart, end);
  if (funcPipe < 0) return false;
  const funcFieldEnd = trimEnd(buf, funcFieldStart, funcPipe);
  let j = funcFieldEnd;
  let sourceLine = 0;
  let scale = 1;
  while (j > funcFieldStart) {
    const d = (buf[j - 1] as number) - ZERO;
    if (d < 0 || d > 9) break;
    sourceLine += d * scale;
    scale *= 10;
    j--;
  }
  if (j === funcFieldEnd || buf[j - 1] !== COLON || j - 1 === funcFieldStart) return false;

  // MESSAGE: everything after the fourth '|', which may itself contain '|'.
  const messageStart = skipBlanks(buf, funcPipe + 1, end);
  out.secondOfDay = hh * 3600 + mm * 60 + ss;
  out.fraction = fraction;
  out.fractionDigits = fractionDigits;
  out.levelStart = levelStart;
  out.levelEnd = levelEnd;
  out.fileStart = fileStart;
  out.fileEnd = fileEnd;
  out.funcStart = funcFieldStart;
  out.funcEnd = j - 1;
  out.sourceLine = sourceLine;
  out.messageStart = messageStart;
  out.messageEnd = trimEnd(buf, messageStart, end);
  return true;
}

/** True when the line holds only spaces and tabs (or nothing). */
export function isBlankLine(buf: Uint8Array, start: number, end: number): boolean {
  return skipBlanks(buf, start, end) === end;
}
