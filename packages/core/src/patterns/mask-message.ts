import { CODE, isAlnum, isDigit, isHexDigit, isIdentChar, isWhitespace, opensToken } from "./char-codes.js";
import { classifyWord, scanHexCompound } from "./classify-word.js";
import { matchEmail } from "./match-email.js";
import { matchBracketedIpv6WithPort, matchIpv4, matchIpv6 } from "./match-ip.js";
import { matchPosixPath, matchWindowsPath } from "./match-path.js";
import { matchUrl } from "./match-url.js";
import { PLACEHOLDER } from "./placeholders.js";
import { QuoteClosers } from "./quote-closers.js";
import { maskDigitLedWord } from "./scan-number.js";

interface Token {
  readonly end: number;
  readonly text: string;
  /** A number (possibly with units): a sign just before it belongs to it. */
  readonly numeric?: boolean;
}

/**
 * One left-to-right pass over the message. Every matcher either consumes what it scanned or gives up
 * after a bounded look-ahead, so the pass is linear in the message length whatever the input: no
 * backtracking regular expression ever sees the message.
 */
class MessageMasker {
  readonly #s: string;
  readonly #quotes: QuoteClosers;
  /** A hyphen-joined id failed up to here; any compound starting before it fails too. */
  #noCompoundBefore = 0;

  constructor(message: string) {
    this.#s = message;
    this.#quotes = new QuoteClosers(message);
  }

  mask(): string {
    const s = this.#s;
    let out = "";
    let pendingSpace = false;
    let i = 0;
    while (i < s.length) {
      if (isWhitespace(s.charCodeAt(i))) {
        pendingSpace = out !== "";
        i++;
        continue;
      }
      const token = this.#tokenAt(i);
      out += pendingSpace ? ` ${token.text}` : token.text;
      pendingSpace = false;
      i = token.end;
    }
    return out;
  }

  #tokenAt(i: number): Token {
    const s = this.#s;
    const c = s.charCodeAt(i);
    const prev = s.charCodeAt(i - 1);
    if (isAlnum(c)) return this.#wordAt(i, prev);
    const literal = { end: i + 1, text: s.charAt(i) };
    if (c === CODE.apostrophe || c === CODE.doubleQuote) return this.#quotedAt(i, c, prev) ?? literal;
    if (
      opensToken(prev) &&
      (c === CODE.backslash || c === CODE.dot || c === CODE.slash || c === CODE.tilde)
    ) {
      const end = Math.max(matchWindowsPath(s, i), matchPosixPath(s, i));
      if (end > i) return { end, text: PLACEHOLDER.path };
    }
    if (c === CODE.colon && allowsIpv6Start(prev)) {
      const end = matchIpv6(s, i);
      if (end > i) return { end, text: PLACEHOLDER.ip };
    }
    if (c === CODE.openBracket) {
      const end = matchBracketedIpv6WithPort(s, i);
      if (end > i) return { end, text: PLACEHOLDER.ipPort };
    }
    if ((c === CODE.minus || c === CODE.plus) && isDigit(s.charCodeAt(i + 1)) && allowsSign(prev)) {
      const number = this.#wordAt(i + 1, c);
      if (number.numeric === true) return number;
    }
    return literal;
  }

  #quotedAt(i: number, quote: number, prev: number): Token | null {
    // An apostrophe inside a word (`don't`) or right after a placeholder opens nothing.
    if (isIdentChar(prev) || prev === CODE.greaterThan) return null;
    const closer = this.#quotes.find(quote, i + 1);
    return closer < 0 ? null : { end: closer + 1, text: PLACEHOLDER.string };
  }

  /** A token starting with a letter or digit at `i`; `prev` is the character before it. */
  #wordAt(i: number, prev: number): Token {
    const s = this.#s;
    if (opensToken(prev)) {
      const url = matchUrl(s, i);
      if (url > i) return { end: url, text: PLACEHOLDER.url };
      const path = matchWindowsPath(s, i);
      if (path > i) return { end: path, text: PLACEHOLDER.path };
      const email = matchEmail(s, i);
      if (email > i) return { end: email, text: PLACEHOLDER.email };
    }
    const address = this.#addressAt(i, prev);
    if (address !== null) return address;
    // After a placeholder the word continues a masked one (`1.5deadbeef-fe80`): no id starts there.
    if (i >= this.#noCompoundBefore && prev !== CODE.greaterThan) {
      const compound = scanHexCompound(s, i);
      if (compound.isId) return { end: compound.end, text: PLACEHOLDER.id };
      this.#noCompoundBefore = compound.end;
    }
    let end = i;
    while (isAlnum(s.charCodeAt(end))) end++;
    const kind = classifyWord(s, i, end);
    if (kind === "hex") return { end, text: PLACEHOLDER.hex };
    if (kind === "id") return { end, text: PLACEHOLDER.id };
    if (isDigit(s.charCodeAt(i))) return maskDigitLedWord(s, i);
    // A name of code that merely contains digits (`SDL2`, `x264`, `D3D11`) is part of the message's shape.
    return { end, text: s.slice(i, end) };
  }

  #addressAt(i: number, prev: number): Token | null {
    const s = this.#s;
    // Inside `1.2.3.4.5` or `x_1.2.3.4` no address starts.
    if (isIdentChar(prev) || prev === CODE.dot || prev === CODE.greaterThan) return null;
    if (isDigit(s.charCodeAt(i))) {
      const v4 = matchIpv4(s, i);
      if (v4 !== null) return { end: v4.end, text: v4.withPort ? PLACEHOLDER.ipPort : PLACEHOLDER.ip };
    }
    if (allowsIpv6Start(prev) && isHexDigit(s.charCodeAt(i))) {
      const v6 = matchIpv6(s, i);
      if (v6 > i) return { end: v6, text: PLACEHOLDER.ip };
    }
    return null;
  }
}

/** A placeholder stands for word characters, so `>` glues like a letter: `<num>::1` is no address. */
function allowsIpv6Start(prev: number): boolean {
  return !isIdentChar(prev) && prev !== CODE.dot && prev !== CODE.colon && prev !== CODE.greaterThan;
}

/** `-1` is negative one; in `e2cd777-1`, `5-3` or `<num>-3` the hyphen separates. */
function allowsSign(prev: number): boolean {
  return !isIdentChar(prev) && prev !== CODE.greaterThan && prev !== CODE.dot;
}

/**
 * The template of a log message: variable parts replaced by the placeholders of `PLACEHOLDER`
 * (`Could not decode packet 4411, requesting iframe` → `Could not decode packet <num>, requesting iframe`),
 * runs of whitespace collapsed to one space, ends trimmed. Deterministic, linear in the message length,
 * and idempotent: masking a template returns it unchanged.
 */
export function maskMessage(message: string): string {
  return new MessageMasker(message).mask();
}
