/**
 * A small least-recently-used cache bounded by total size, so the bucket can keep the few logs a client
 * is fetching right now (a GET after a HEAD, retries) without holding the whole fleet in memory.
 */
export class SizedLru<K, V> {
  private readonly entries = new Map<K, { value: V; size: number }>();
  private total = 0;

  constructor(private readonly maxTotalSize: number) {}

  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    // Re-insert: a Map iterates in insertion order, so the first key is always the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V, size: number): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.total -= old.size;
      this.entries.delete(key);
    }
    if (size > this.maxTotalSize) return;
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [oldestKey, oldest] of this.entries) {
      if (this.total <= this.maxTotalSize) break;
      this.entries.delete(oldestKey);
      this.total -= oldest.size;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get totalSize(): number {
    return this.total;
  }
}
