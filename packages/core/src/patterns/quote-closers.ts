import { CODE, isIdentChar } from "./char-codes.js";

/**
 * For each quote character, the position of the next quote that can close a string: one not followed by
 * a word (`don't` has no closer at its apostrophe). Precomputed right to left so that every opener finds
 * its closer in O(1): scanning forward from each unmatched opener would be quadratic on `' ' ' '…`.
 */
export class QuoteClosers {
  readonly #next = new Map<number, Int32Array>();

  constructor(private readonly s: string) {}

  /** Index of the first closer of `quote` at or after `from`, or -1. */
  find(quote: number, from: number): number {
    let next = this.#next.get(quote);
    if (next === undefined) {
      next = this.#compute(quote);
      this.#next.set(quote, next);
    }
    return next[from] ?? -1;
  }

  #compute(quote: number): Int32Array {
    const s = this.s;
    const next = new Int32Array(s.length + 1).fill(-1);
    for (let j = s.length - 1; j >= 0; j--) {
      const after = s.charCodeAt(j + 1);
      const closes = s.charCodeAt(j) === quote && !isIdentChar(after) && after !== CODE.lessThan;
      next[j] = closes ? j : (next[j + 1] ?? -1);
    }
    return next;
  }
}
