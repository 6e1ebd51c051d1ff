/**
 * Pages of raw entries for the viewer: one log or both interleaved by time, filtered by level and by a
 * case-insensitive text search over the message and its continuation lines. Cursors are offsets into the
 * filtered sequence, which is stable because a cached log never changes.
 */
import type { RawEntry, RawLog } from "./raw-log.js";

export interface RawLogQuery {
  /** Levels to keep (empty or undefined: all). */
  readonly levels?: readonly string[];
  /** Case-insensitive substring of the message or a continuation line. */
  readonly q?: string;
  /** Offset from a previous page's nextCursor. */
  readonly cursor?: number;
  /** Start the page at the first entry at or after this time (seconds), e.g. a clicked chart point. */
  readonly at?: number;
  readonly limit: number;
}

export interface RawLogPage {
  readonly items: readonly RawEntry[];
  /** Offset of the page's first item in the filtered sequence. */
  readonly offset: number;
  readonly nextCursor: number | null;
  /** Entries matching the filters. */
  readonly total: number;
}

/** Both sides on one timeline; equal times keep client before server and file order within a side. */
export function interleave(logs: readonly RawLog[]): readonly RawEntry[] {
  if (logs.length === 1) return (logs[0] as RawLog).entries;
  const all = logs.flatMap((l) => l.entries);
  const order = all.map((_, i) => i);
  // A stable sort by time: each side's own order (threads racing) is kept where times tie.
  order.sort((a, b) => (all[a] as RawEntry).time - (all[b] as RawEntry).time || a - b);
  return order.map((i) => all[i] as RawEntry);
}

export function queryRawEntries(entries: readonly RawEntry[], query: RawLogQuery): RawLogPage {
  const levels = query.levels && query.levels.length > 0 ? new Set(query.levels) : undefined;
  const needle = query.q?.trim().toLowerCase() ?? "";
  const matches = (e: RawEntry): boolean =>
    (levels === undefined || levels.has(e.level)) &&
    (needle === "" ||
      e.message.toLowerCase().includes(needle) ||
      e.continuation.some((c) => c.text.toLowerCase().includes(needle)));
  const filtered = levels === undefined && needle === "" ? entries : entries.filter(matches);

  let offset = Math.max(0, Math.min(query.cursor ?? 0, filtered.length));
  if (query.at !== undefined) offset = firstAtOrAfter(filtered, query.at);
  const items = filtered.slice(offset, offset + query.limit);
  const next = offset + items.length;
  return { items, offset, nextCursor: next < filtered.length ? next : null, total: filtered.length };
}

/** Binary search on time; entries are in time order up to small backward steps, which it tolerates. */
function firstAtOrAfter(entries: readonly RawEntry[], time: number): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[mid] as RawEntry).time < time) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
