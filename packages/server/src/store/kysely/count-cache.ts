/**
 * The list's `total` per filter, kept for one data generation (data-generation.ts). Counting can cost
 * far more than the page (every match of a broad search, every row for a status filter: 55 ms–1 s at
 * 1,000,000 connections), and the next pages, other sorts and the same view opened by someone else ask
 * for the same number. A new generation empties the cache, so a count is never stale.
 */
import type { ConnectionQuery } from "../store.js";

/** Distinct filters kept per generation; each entry is a short key and a number. */
const MAX_ENTRIES = 1_000;

export class CountCache {
  #generation: string | undefined;
  readonly #totals = new Map<string, Promise<number>>();

  /** The cached total for `key`, or `count()`'s (shared with concurrent callers, forgotten if it fails). */
  total(generation: string, key: string, count: () => Promise<number>): Promise<number> {
    if (generation !== this.#generation) {
      this.#totals.clear();
      this.#generation = generation;
    }
    const cached = this.#totals.get(key);
    if (cached !== undefined) return cached;
    if (this.#totals.size >= MAX_ENTRIES) this.#totals.clear();
    const pending = count();
    this.#totals.set(key, pending);
    pending.catch(() => {
      if (this.#totals.get(key) === pending) this.#totals.delete(key);
    });
    return pending;
  }
}

/** What `total` depends on: the filters (not the cursor, sort, order or page size). */
export function countKey(query: ConnectionQuery, userId: string): string {
  return JSON.stringify([
    // Search folds case: "Noah" and "noah" count the same rows.
    (query.q ?? "").toLowerCase(),
    query.version ?? null,
    query.status ?? null,
    query.hasErrors ?? null,
    query.bookmarked ?? null,
    query.pattern ?? null,
    // Only the bookmark filter reads whose bookmarks they are.
    query.bookmarked === undefined ? null : userId,
  ]);
}
