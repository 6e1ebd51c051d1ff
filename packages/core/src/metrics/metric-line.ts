/**
 * Recognises metric lines: an entry whose trimmed message is exactly `NAME: NUMBER` for one of the known
 * names. Look-alikes (`High Latency: 0.9 exceeds budget`, `Latency:0.5`, `Latency: 1 2`) are not metrics.
 * Works on bytes so that the parser's hot loop never builds a string for a line that is not a metric.
 */
import { METRIC_DEFINITIONS } from "./metric-names.js";

const LABELS: readonly Uint8Array[] = METRIC_DEFINITIONS.map((d) =>
  Uint8Array.from(`${d.label}:`, (c) => c.charCodeAt(0)),
);

export interface MetricMatch {
  /** Index into METRIC_DEFINITIONS. */
  definition: number;
  /** The value, or NaN when the number is not finite (`nan`, `-nan(ind)`, `inf`, overflow). */
  value: number;
}

export const newMetricMatch = (): MetricMatch => ({ definition: -1, value: Number.NaN });

const ZERO = 0x30;
const isDigit = (c: number): boolean => c >= ZERO && c <= ZERO + 9;
const isBlank = (c: number): boolean => c === 0x20 || c === 0x09;
const lower = (c: number): number => c | 0x20;

/** Divisors of the exact fast path (shared with the WebAssembly scanner, which must divide by the same values). */
export const METRIC_FRACTION_SCALES: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** True (and `out` filled) when `buf[start, end)`, a trimmed message, is a metric line. */
export function matchMetricLine(buf: Uint8Array, start: number, end: number, out: MetricMatch): boolean {
  const first = buf[start];
  if (first !== 0x4c /* L */ && first !== 0x41 /* A */) return false;
  for (let d = 0; d < LABELS.length; d++) {
    const label = LABELS[d] as Uint8Array;
    if (end - start <= label.length) continue;
    let k = 0;
    while (k < label.length && buf[start + k] === label[k]) k++;
    if (k < label.length) continue;
    let i = start + k;
    if (!isBlank(buf[i] as number)) return false;
    while (i < end && isBlank(buf[i] as number)) i++;
    if (i === end) return false;
    const value = parseMetricNumber(buf, i, end);
    if (value === undefined) return false;
    out.definition = d;
    out.value = value;
    return true;
  }
  return false;
}

/**
 * A C `%f`/`%e`-style number filling `buf[start, end)`: its value, NaN for non-finite spellings
 * (`nan`, `-nan(ind)`, `inf`, `infinity`), or undefined when the text is not a number at all.
 */
export function parseMetricNumber(buf: Uint8Array, start: number, end: number): number | undefined {
  let i = start;
  let negative = false;
  if (buf[i] === 0x2d || buf[i] === 0x2b) {
    negative = buf[i] === 0x2d;
    i++;
  }
  if (i < end && !isDigit(buf[i] as number) && buf[i] !== 0x2e)
    return isNonFiniteWord(buf, i, end) ? Number.NaN : undefined;

  // Fast exact path (Clinger): up to 15 significant digits and no exponent is integer / 10^k, correctly rounded.
  let mantissa = 0;
  let significant = 0;
  let intDigits = 0;
  let fracDigits = 0;
  while (i < end && isDigit(buf[i] as number)) {
    mantissa = mantissa * 10 + ((buf[i] as number) - ZERO);
    if (mantissa > 0) significant++;
    intDigits++;
    i++;
  }
  if (i < end && buf[i] === 0x2e) {
    i++;
    while (i < end && isDigit(buf[i] as number)) {
      mantissa = mantissa * 10 + ((buf[i] as number) - ZERO);
      if (mantissa > 0) significant++;
      fracDigits++;
      i++;
    }
  }
  if (intDigits + fracDigits === 0) return undefined;
  let hasExponent = false;
  if (i < end && lower(buf[i] as number) === 0x65 /* e */) {
    hasExponent = true;
    i++;
    if (buf[i] === 0x2d || buf[i] === 0x2b) i++;
    const expStart = i;
    while (i < end && isDigit(buf[i] as number)) i++;
    if (i === expStart) return undefined;
  }
  if (i !== end) return undefined;
  let value: number;
  if (!hasExponent && significant <= 15 && fracDigits < METRIC_FRACTION_SCALES.length) {
    value = mantissa / (METRIC_FRACTION_SCALES[fracDigits] as number);
    if (negative) value = -value;
  } else {
    value = Number.parseFloat(latin1(buf, start, end));
  }
  return Number.isFinite(value) ? value : Number.NaN;
}

/** `nan`, `nan(…)`, `inf`, `infinity`, any case (the sign was already consumed). */
function isNonFiniteWord(buf: Uint8Array, i: number, end: number): boolean {
  if (end - i > 32) return false;
  const word = latin1(buf, i, end).toLowerCase();
  return word === "inf" || word === "infinity" || word === "nan" || /^nan\([a-z0-9_]*\)$/.test(word);
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}
