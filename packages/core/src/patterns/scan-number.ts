import { CODE, isAlnum, isAsciiLetter, isDigit } from "./char-codes.js";
import { PLACEHOLDER } from "./placeholders.js";

function skipDigits(s: string, i: number): number {
  let j = i;
  while (isDigit(s.charCodeAt(j))) j++;
  return j;
}

/**
 * End of the decimal number whose first digit is at `i`: digits, then any `.digits` groups (floats, and
 * versions like `10.0.19041` that vary as much as numbers do), then a C `%e` exponent (`1.5e+05`).
 */
export function scanNumberEnd(s: string, i: number): number {
  let j = skipDigits(s, i);
  while (s.charCodeAt(j) === CODE.dot && isDigit(s.charCodeAt(j + 1))) j = skipDigits(s, j + 1);
  const e = s.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    let k = j + 1;
    const sign = s.charCodeAt(k);
    if (sign === CODE.plus || sign === CODE.minus) k++;
    if (isDigit(s.charCodeAt(k))) j = skipDigits(s, k);
  }
  return j;
}

/**
 * Masks a word that starts with a digit: every number in it becomes `<num>` and the letters between stay,
 * so units and dimensions keep their shape (`180.8ms` → `<num>ms`, `3200x1800` and `-1x-1` → `<num>x<num>`).
 * The letters left between placeholders contain no digit, so masking the result again changes nothing.
 */
export function maskDigitLedWord(
  s: string,
  i: number,
): { readonly end: number; readonly text: string; readonly numeric: true } {
  let text = "";
  let j = i;
  while (isAlnum(s.charCodeAt(j))) {
    if (isDigit(s.charCodeAt(j))) {
      j = scanNumberEnd(s, j);
      text += PLACEHOLDER.number;
    } else {
      const start = j;
      while (isAsciiLetter(s.charCodeAt(j))) j++;
      text += s.slice(start, j);
      // A dimension may be negative ("From -1x-1 to 2560x1440"): the sign belongs to the height.
      const isDimension = j === start + 1 && (s.charCodeAt(start) | 0x20) === 0x78;
      if (isDimension && s.charCodeAt(j) === CODE.minus && isDigit(s.charCodeAt(j + 1))) j++;
    }
  }
  return { end: j, text, numeric: true };
}
