/**
 * The old dashboard's manifest: a Python list literal, optionally assigned to a name (`LOGS = [...]`), as
 * `logs.py` kept it. Supported: lists, tuples and dicts (trailing commas allowed), strings in either quote,
 * triple-quoted, with `u`/`r` prefixes, escapes and adjacent-literal concatenation, ints (with `_`, hex,
 * octal, binary, Python 2 `L`), floats, signs, `None`, `True`, `False` and `#` comments.
 * Anything else (calls, names, expressions) is refused: this reads data, it never runs code.
 */
import { LineIndex } from "./line-index.js";
import { PythonTokenizer, type Token } from "./python-tokenizer.js";
import { ManifestSyntaxError } from "./types.js";

/** Deeper nesting than any manifest needs; the limit keeps `[[[[…` from overflowing the stack. */
const MAX_DEPTH = 64;

const CONSTANTS: ReadonlyMap<string, null | boolean> = new Map([
  ["None", null],
  ["True", true],
  ["False", false],
]);

export interface PythonListDocument {
  /** The top-level list's elements: dicts become null-prototype objects, lists and tuples arrays. */
  readonly items: readonly unknown[];
  /** 1-based line where each element starts. */
  readonly lines: readonly number[];
}

/** Parses a document whose value is a list (or tuple); throws ManifestSyntaxError with line and column. */
export function parsePythonList(text: string): PythonListDocument {
  return new PythonListParser(text).document();
}

class PythonListParser {
  private readonly lineIndex: LineIndex;
  private readonly tokens: PythonTokenizer;
  private token: Token;

  constructor(text: string) {
    this.lineIndex = new LineIndex(text);
    this.tokens = new PythonTokenizer(text, (message, offset) => this.error(message, offset));
    this.token = this.tokens.next();
  }

  document(): PythonListDocument {
    this.skipAssignment();
    const open = this.token;
    if (!this.isPunct("[") && !this.isPunct("(")) throw this.error("expected a list", open.offset);
    const close = this.isPunct("[") ? "]" : ")";
    this.advance();
    const items: unknown[] = [];
    const lines: number[] = [];
    this.sequence(close, () => {
      lines.push(this.lineIndex.lineAt(this.token.offset));
      items.push(this.value(1));
    });
    if (this.token.kind !== "eof") throw this.error("unexpected text after the list", this.token.offset);
    return { items, lines };
  }

  /** `NAME =` before the list, as in `logs.py`. */
  private skipAssignment(): void {
    if (this.token.kind !== "name" || CONSTANTS.has(this.token.text)) return;
    const name = this.token;
    this.advance();
    if (!this.isPunct("=")) throw this.error(`unexpected name ${JSON.stringify(name.text)}`, name.offset);
    this.advance();
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw this.error(`nested deeper than ${MAX_DEPTH} levels`, this.token.offset);
    const token = this.token;
    switch (token.kind) {
      case "string":
        return this.strings();
      case "number":
        this.advance();
        return token.value;
      case "name": {
        const constant = CONSTANTS.get(token.text);
        if (constant === undefined) {
          throw this.error(
            `unknown name ${JSON.stringify(token.text)} (only None, True, False)`,
            token.offset,
          );
        }
        this.advance();
        return constant;
      }
      case "punct":
        return this.compound(token, depth);
      case "eof":
        throw this.error("unexpected end of text", token.offset);
    }
  }

  private compound(token: Token & { kind: "punct" }, depth: number): unknown {
    switch (token.text) {
      case "[":
        return this.list("]", depth);
      case "(":
        return this.tuple(depth);
      case "{":
        return this.dict(depth);
      case "-":
      case "+": {
        this.advance();
        const number = this.token;
        if (number.kind !== "number")
          throw this.error(`expected a number after ${token.text}`, number.offset);
        this.advance();
        return token.text === "-" ? -number.value : number.value;
      }
      default:
        throw this.error(`unexpected ${JSON.stringify(token.text)}`, token.offset);
    }
  }

  /** Adjacent literals concatenate, as in Python: `'a' "b"` is `'ab'`. */
  private strings(): string {
    let value = "";
    while (this.token.kind === "string") {
      value += this.token.value;
      this.advance();
    }
    return value;
  }

  private list(close: string, depth: number): unknown[] {
    this.advance();
    const items: unknown[] = [];
    this.sequence(close, () => items.push(this.value(depth + 1)));
    return items;
  }

  /** `(x)` is just x; `()`, `(x,)` and `(x, y)` are tuples (read as arrays). */
  private tuple(depth: number): unknown {
    this.advance();
    if (this.isPunct(")")) {
      this.advance();
      return [];
    }
    const first = this.value(depth + 1);
    if (this.isPunct(")")) {
      this.advance();
      return first;
    }
    this.expect(",");
    const items: unknown[] = [first];
    this.sequence(")", () => items.push(this.value(depth + 1)));
    return items;
  }

  private dict(depth: number): Record<string, unknown> {
    this.advance();
    // No prototype: a key named `__proto__` or `constructor` is only data.
    const dict: Record<string, unknown> = Object.create(null);
    this.sequence("}", () => {
      const key = this.token;
      if (key.kind !== "string") throw this.error("dict keys must be strings", key.offset);
      const name = this.strings();
      this.expect(":");
      dict[name] = this.value(depth + 1);
    });
    return dict;
  }

  /** Items separated by commas, an optional trailing comma, then `close` (consumed). */
  private sequence(close: string, item: () => void): void {
    for (;;) {
      if (this.isPunct(close)) break;
      item();
      if (this.isPunct(",")) this.advance();
      else if (!this.isPunct(close)) throw this.error(`expected "," or "${close}"`, this.token.offset);
    }
    this.advance();
  }

  private expect(text: string): void {
    if (!this.isPunct(text)) throw this.error(`expected "${text}"`, this.token.offset);
    this.advance();
  }

  private isPunct(text: string): boolean {
    return this.token.kind === "punct" && this.token.text === text;
  }

  private advance(): void {
    this.token = this.tokens.next();
  }

  private error(message: string, offset: number): ManifestSyntaxError {
    const { line, column } = this.lineIndex.locate(offset);
    return new ManifestSyntaxError(message, line, column);
  }
}
