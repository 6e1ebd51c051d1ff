/**
 * Memoizes fleet insights while the fleet does not change. Insights read every stored summary, so a burst
 * of dashboard requests must not recompute them each time; but a dashboard watching ingestion must see
 * new logs soon. An entry is served as is for `freshMs`; after that it is served again only if the
 * progress key (e.g. the ingest counts) is unchanged and it is younger than `maxAgeMs` (the backstop for
 * changes the key cannot see, such as a re-fetched log replacing another with the same counts).
 *
 * Concurrent callers share one computation; a failed one is forgotten, so the next call tries again.
 */

export interface ProgressCacheOptions {
  /** Reads the current progress key; called at most once per `freshMs` per entry. */
  readonly progressKey: () => Promise<string>;
  readonly freshMs?: number;
  readonly maxAgeMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly key: string;
  readonly computedAt: number;
  checkedAt: number;
  readonly value: Promise<unknown>;
}

export class ProgressCache {
  readonly #entries = new Map<string, Entry>();
  readonly #progressKey: () => Promise<string>;
  readonly #freshMs: number;
  readonly #maxAgeMs: number;
  readonly #now: () => number;

  constructor(options: ProgressCacheOptions) {
    this.#progressKey = options.progressKey;
    this.#freshMs = options.freshMs ?? 5_000;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  async get<T>(name: string, compute: () => Promise<T>): Promise<T> {
    const entry = this.#entries.get(name);
    const now = this.#now();
    if (entry !== undefined && now - entry.checkedAt < this.#freshMs) return entry.value as Promise<T>;
    const key = await this.#progressKey();
    // Another caller may have refreshed the entry while this one awaited the key.
    const current = this.#entries.get(name);
    const checkedAt = this.#now();
    if (current !== undefined && current.key === key && checkedAt - current.computedAt < this.#maxAgeMs) {
      current.checkedAt = checkedAt;
      return current.value as Promise<T>;
    }
    const value = compute();
    const fresh: Entry = { key, computedAt: checkedAt, checkedAt, value };
    this.#entries.set(name, fresh);
    value.catch(() => {
      if (this.#entries.get(name) === fresh) this.#entries.delete(name);
    });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }
}
