/**
 * Search matches in log text, as pieces to render: plain text and matched text, in order. The text is
 * untrusted; the pieces are rendered as React text nodes (matches in <mark>), never as HTML.
 */

export interface Piece {
  readonly text: string;
  readonly match: boolean;
}

/** Regular-expression syntax characters, so that the query is matched literally. */
const SPECIAL = /[.*+?^${}()|[\]\\/-]/g;

let cached: { needle: string; pattern: RegExp } | null = null;

/** The query as the server reads it: trimmed; empty means "no search". */
export function normalizeQuery(query: string): string {
  return query.trim();
}

function patternFor(needle: string): RegExp {
  if (cached?.needle !== needle) {
    cached = { needle, pattern: new RegExp(needle.replace(SPECIAL, "\\$&"), "gi") };
  }
  cached.pattern.lastIndex = 0;
  return cached.pattern;
}

/**
 * Where `query` occurs in `text`, case-insensitively, as [start, end) ranges. Overlapping occurrences
 * ("aa" in "aaa") and adjacent ones ("ab" in "abab") are merged into one range, so a highlight is never
 * split into two marks that touch.
 */
export function matchRanges(text: string, query: string): [number, number][] {
  const needle = normalizeQuery(query);
  if (needle === "" || text === "") return [];
  const pattern = patternFor(needle);
  const ranges: [number, number][] = [];
  for (let found = pattern.exec(text); found !== null; found = pattern.exec(text)) {
    const start = found.index;
    const end = start + found[0].length;
    const last = ranges.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
    // Look again one character later, not after the match: that finds overlapping occurrences.
    pattern.lastIndex = start + 1;
  }
  return ranges;
}

/** `text` cut into plain and matched pieces; one plain piece when nothing matches. */
export function splitHighlights(text: string, query: string): Piece[] {
  const ranges = matchRanges(text, query);
  if (ranges.length === 0) return [{ text, match: false }];
  const pieces: Piece[] = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) pieces.push({ text: text.slice(at, start), match: false });
    pieces.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), match: false });
  return pieces;
}
