/**
 * Memoizes fleet insights for one data generation (store.dataGeneration(): every write moves it after it
 * commits, every reader reads it before it queries), so a cached insight is never stale and needs no
 * time-to-live, and a burst of dashboard requests computes each insight once. A new generation empties
 * the cache. Entries also expire after `maxAgeMs`: the backstop, as in api/response-cache.ts, for a write
 * in another process whose generation bump could not be written.
 *
 * Concurrent callers of one generation share one computation; a failed one is forgotten.
 */

export interface GenerationCacheOptions {
  readonly generation: () => Promise<string>;
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly computedAt: number;
  readonly value: Promise<unknown>;
}

export class GenerationCache {
  readonly #entries = new Map<string, Entry>();
  readonly #generation: () => Promise<string>;
  readonly #maxAgeMs: number;
  readonly #now: () => number;
  #current: string | undefined;

  constructor(options: GenerationCacheOptions) {
    this.#generation = options.generation;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  async get<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const generation = await this.#generation();
    if (generation !== this.#current) {
      this.#entries.clear();
      this.#current = generation;
    }
    const now = this.#now();
    const entry = this.#entries.get(name);
    if (entry !== undefined && now - entry.computedAt < this.#maxAgeMs) return entry.value as Promise<T>;
    const value = compute();
    const fresh: Entry = { computedAt: now, value };
    this.#entries.set(name, fresh);
    value.catch(() => {
      if (this.#entries.get(name) === fresh) this.#entries.delete(name);
    });
    return value;
  }
}
