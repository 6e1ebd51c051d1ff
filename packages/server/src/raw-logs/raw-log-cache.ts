/**
 * Recently viewed logs, parsed, within a memory budget: scrolling through a log asks for many pages, and
 * re-fetching the object for each would be slow and costly. Concurrent requests for the same log share
 * one fetch.
 */
import type { RawLog } from "./raw-log.js";

export class RawLogCache {
  private readonly entries = new Map<string, Promise<RawLog>>();
  private readonly sizes = new Map<string, number>();
  private used = 0;

  constructor(private readonly budgetBytes: number) {}

  /** The cached log for `key`, or `load()`'s result (cached when it fits the budget). */
  get(key: string, load: () => Promise<RawLog>): Promise<RawLog> {
    const hit = this.entries.get(key);
    if (hit !== undefined) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const pending = load().then(
      (log) => {
        this.account(key, log.approxBytes);
        return log;
      },
      (error: unknown) => {
        this.forget(key);
        throw error;
      },
    );
    this.entries.set(key, pending);
    return pending;
  }

  forget(key: string): void {
    this.entries.delete(key);
    this.used -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  private account(key: string, bytes: number): void {
    if (!this.entries.has(key)) return;
    if (bytes > this.budgetBytes) {
      // Too big to keep: serve this request, parse again next time.
      this.entries.delete(key);
      return;
    }
    this.sizes.set(key, bytes);
    this.used += bytes;
    for (const oldest of this.entries.keys()) {
      if (this.used <= this.budgetBytes) break;
      if (oldest !== key) this.forget(oldest);
    }
  }
}
