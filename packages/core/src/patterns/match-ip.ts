import { CODE, isDigit, isHexDigit, isIdentChar } from "./char-codes.js";

/** Longest textual IPv6 address: eight groups, or six groups and a dotted IPv4 tail. */
const MAX_IPV6_LENGTH = 45;
const MAX_PORT_DIGITS = 5;

/** An IP address ends where no word and no further `.digit` continues it (`1.2.3.4.5` is not one). */
function endsAddress(s: string, j: number): boolean {
  const c = s.charCodeAt(j);
  if (isIdentChar(c) || c === CODE.lessThan) return false;
  return !(c === CODE.dot && isDigit(s.charCodeAt(j + 1)));
}

function octetEnd(s: string, i: number): number {
  let j = i;
  while (j - i < 3 && isDigit(s.charCodeAt(j))) j++;
  if (j === i || isDigit(s.charCodeAt(j))) return -1;
  return Number(s.slice(i, j)) <= 255 ? j : -1;
}

/** End of a dotted IPv4 address starting at `i`, or -1. */
function ipv4End(s: string, i: number): number {
  let j = octetEnd(s, i);
  for (let part = 1; part < 4 && j >= 0; part++) {
    j = s.charCodeAt(j) === CODE.dot ? octetEnd(s, j + 1) : -1;
  }
  return j;
}

/** End of `:port` at `i`, or -1. */
export function portEnd(s: string, i: number): number {
  if (s.charCodeAt(i) !== CODE.colon) return -1;
  const start = i + 1;
  let j = start;
  while (j - start < MAX_PORT_DIGITS && isDigit(s.charCodeAt(j))) j++;
  // A sixth digit fails `endsAddress`: that is a number, not a port.
  return j > start && endsAddress(s, j) ? j : -1;
}

export interface AddressMatch {
  readonly end: number;
  readonly withPort: boolean;
}

/** An IPv4 address at `i`, with its `:port` when one follows. */
export function matchIpv4(s: string, i: number): AddressMatch | null {
  const end = ipv4End(s, i);
  if (end < 0 || !endsAddress(s, end)) return null;
  const withPort = portEnd(s, end);
  return withPort < 0 ? { end, withPort: false } : { end: withPort, withPort: true };
}

const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** Whether `text` is an IPv6 address: eight groups, or fewer around one `::`, maybe ending in IPv4. */
export function isIpv6(text: string): boolean {
  if (!/[0-9]/.test(text)) return false; // `dead::beef` is more likely C++ than an address
  const gap = text.indexOf("::");
  if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) return false;
  const halves = gap < 0 ? [text] : [text.slice(0, gap), text.slice(gap + 2)];
  const groups = halves.flatMap((half) => (half === "" ? [] : half.split(":")));
  let count = 0;
  for (const [index, group] of groups.entries()) {
    if (HEX_GROUP.test(group)) count += 1;
    else if (index === groups.length - 1 && ipv4End(group, 0) === group.length) count += 2;
    else return false;
  }
  return gap < 0 ? count === 8 : count <= 7;
}

/** End of an IPv6 address at `i`, or -1. The scan is bounded, so a failed attempt costs O(1). */
export function matchIpv6(s: string, i: number): number {
  let j = i;
  for (;;) {
    const c = s.charCodeAt(j);
    if (!(isHexDigit(c) || c === CODE.colon || c === CODE.dot)) break;
    if (++j - i > MAX_IPV6_LENGTH + 1) return -1;
  }
  // Judged before trimming: `::e1.<num>` came from `::e1.2.3.4`, which is no address either.
  const next = s.charCodeAt(j);
  if (isIdentChar(next) || next === CODE.lessThan) return -1;
  // Sentence punctuation after an address: "from fe80::1." or "at fe80::1: timeout".
  while (j > i && s.charCodeAt(j - 1) === CODE.dot) j--;
  if (s.charCodeAt(j - 1) === CODE.colon && s.charCodeAt(j - 2) !== CODE.colon) j--;
  if (j - i < 2 || j - i > MAX_IPV6_LENGTH) return -1;
  return isIpv6(s.slice(i, j)) ? j : -1;
}

/** `[v6]:port` at `i` (on the `[`), the only way a port follows an IPv6 address; -1 otherwise. */
export function matchBracketedIpv6WithPort(s: string, i: number): number {
  const end = matchIpv6(s, i + 1);
  if (end < 0 || s.charCodeAt(end) !== CODE.closeBracket) return -1;
  return portEnd(s, end + 1);
}
