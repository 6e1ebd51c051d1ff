/**
 * Interns the LEVEL field of entries: counts every level that occurs (unknown ones included, never dropped)
 * without making a string per line.
 */

/** Known levels, least to most severe; they are listed in this order, unknown ones after, alphabetically. */
export const KNOWN_LEVELS = ["DEBUG", "INFO", "WARNING", "ERROR", "FATAL_ERROR"] as const;

/** Levels counted as errors in counts and percentages (a FATAL_ERROR is an error that also ended something). */
export const isErrorLevel = (level: string): boolean => level === "ERROR" || level === "FATAL_ERROR";
export const isWarningLevel = (level: string): boolean => level === "WARNING";

const knownRank = new Map<string, number>(KNOWN_LEVELS.map((level, i) => [level, i]));

/** Known levels by severity, then unknown ones alphabetically: the order levels are listed in. */
export function compareLevels(a: string, b: string): number {
  const ra = knownRank.get(a) ?? KNOWN_LEVELS.length;
  const rb = knownRank.get(b) ?? KNOWN_LEVELS.length;
  if (ra !== rb) return ra - rb;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class LevelTable {
  private readonly names: string[] = [...KNOWN_LEVELS];
  private readonly knownBytes = KNOWN_LEVELS.map((l) => Uint8Array.from(l, (c) => c.charCodeAt(0)));
  private readonly unknownIds = new Map<string, number>();
  private readonly counts: number[] = KNOWN_LEVELS.map(() => 0);

  /** Counts one occurrence of the level in `buf[start, end)` (ASCII by the grammar) and returns its id. */
  count(buf: Uint8Array, start: number, end: number): number {
    const id = this.idOf(buf, start, end);
    this.counts[id] = (this.counts[id] as number) + 1;
    return id;
  }

  /** Adds `n` occurrences of the level with this id (ids 0… are KNOWN_LEVELS, in their order). */
  add(id: number, n: number): void {
    this.counts[id] = (this.counts[id] as number) + n;
  }

  /** Adds `n` occurrences of the level named `name` (for merging counts kept elsewhere). */
  addNamed(name: string, n: number): void {
    const known = (KNOWN_LEVELS as readonly string[]).indexOf(name);
    this.add(known >= 0 ? known : this.unknownId(name), n);
  }

  name(id: number): string {
    return this.names[id] as string;
  }

  /** Levels that occurred, with their counts, in a stable order (see compareLevels). */
  toRecord(): Record<string, number> {
    const ids = this.names.map((_, id) => id).filter((id) => (this.counts[id] as number) > 0);
    ids.sort((a, b) => compareLevels(this.names[a] as string, this.names[b] as string));
    const record: Record<string, number> = {};
    for (const id of ids) record[this.names[id] as string] = this.counts[id] as number;
    return record;
  }

  private idOf(buf: Uint8Array, start: number, end: number): number {
    const length = end - start;
    for (let id = 0; id < KNOWN_LEVELS.length; id++) {
      const b = this.knownBytes[id] as Uint8Array;
      if (b.length !== length) continue;
      let k = 0;
      while (k < length && b[k] === buf[start + k]) k++;
      if (k === length) return id;
    }
    // Unknown levels are rare; a map keeps a hostile log with thousands of made-up levels linear.
    let name = "";
    for (let i = start; i < end; i++) name += String.fromCharCode(buf[i] as number);
    return this.unknownId(name);
  }

  private unknownId(name: string): number {
    let id = this.unknownIds.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.unknownIds.set(name, id);
      this.names.push(name);
      this.counts.push(0);
    }
    return id;
  }
}
