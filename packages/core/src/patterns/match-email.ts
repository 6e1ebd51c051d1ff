import { CODE, isAlnum, isAsciiLetter, isIdentChar } from "./char-codes.js";

/** RFC 5321 limits; they also bound the work a failed attempt costs. */
const MAX_LOCAL_LENGTH = 64;
const MAX_DOMAIN_LENGTH = 255;
const LOCAL_EXTRA = new Set([..."._%+-"].map((ch) => ch.charCodeAt(0)));

function isLocalChar(c: number): boolean {
  return isAlnum(c) || LOCAL_EXTRA.has(c);
}

function isDomainChar(c: number): boolean {
  return isAlnum(c) || c === CODE.minus || c === CODE.dot;
}

/** `example.com`: two or more non-empty labels, the last one letters only (a TLD, not an IPv4 octet). */
function isDomain(domain: string): boolean {
  const labels = domain.split(".");
  const tld = labels[labels.length - 1] ?? "";
  if (labels.length < 2 || tld.length < 2) return false;
  if (labels.some((label) => label === "")) return false;
  for (let j = 0; j < tld.length; j++) if (!isAsciiLetter(tld.charCodeAt(j))) return false;
  return true;
}

/** End of an e-mail address at `i` (`noah@example.com`), or -1. */
export function matchEmail(s: string, i: number): number {
  if (!isAlnum(s.charCodeAt(i))) return -1;
  let at = i;
  while (at - i < MAX_LOCAL_LENGTH && isLocalChar(s.charCodeAt(at))) at++;
  if (s.charCodeAt(at) !== CODE.at) return -1;
  const domainStart = at + 1;
  let end = domainStart;
  while (end - domainStart < MAX_DOMAIN_LENGTH && isDomainChar(s.charCodeAt(end))) end++;
  // Judge the boundary before trimming: in `a@b.com.<hex>` the domain runs into a placeholder, and the
  // message it came from (`a@b.com.0deadbeef8c`) had no address either.
  const next = s.charCodeAt(end);
  if (isIdentChar(next) || next === CODE.at || next === CODE.lessThan) return -1;
  while (end > domainStart && (s.charCodeAt(end - 1) === CODE.dot || s.charCodeAt(end - 1) === CODE.minus)) {
    end--;
  }
  return isDomain(s.slice(domainStart, end)) ? end : -1;
}
