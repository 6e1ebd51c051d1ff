/**
 * The viewer's rows are the whole filtered log (`total` entries), fetched in fixed pages of `pageSize`
 * entries on demand: page p holds offsets [p·size, (p+1)·size). A row of the list may come before the
 * entries (the preamble block), so rows and offsets differ by `lead`.
 */

export function pageOf(offset: number, pageSize: number): number {
  return Math.floor(Math.max(0, offset) / pageSize);
}

export function pageCount(total: number, pageSize: number): number {
  return Math.ceil(Math.max(0, total) / pageSize);
}

/** Where an entry lives: its page and its position in that page's items. */
export function locate(offset: number, pageSize: number): { page: number; slot: number } {
  const page = pageOf(offset, pageSize);
  return { page, slot: offset - page * pageSize };
}

/** The first offset of a page, which is the `cursor` that asks for it. */
export function pageStart(page: number, pageSize: number): number {
  return page * pageSize;
}

/**
 * The pages to have for entries [first, last] on screen: those that cover them, plus a neighbour when the
 * screen is within `margin` entries of a page's edge (so it is there before it scrolls into view).
 * Empty when there are no entries or the range is empty.
 */
export function pagesForRange(
  first: number,
  last: number,
  { pageSize, total, margin = 0 }: { pageSize: number; total: number; margin?: number },
): number[] {
  if (total <= 0 || last < first) return [];
  const from = pageOf(Math.max(0, first - margin), pageSize);
  const to = pageOf(Math.min(total - 1, last + margin), pageSize);
  const pages: number[] = [];
  for (let page = from; page <= to; page++) pages.push(page);
  return pages;
}

/** The entry offsets shown by list rows [startRow, endRow], given `lead` rows before the first entry. */
export function rowsToOffsets(
  startRow: number,
  endRow: number,
  lead: number,
  total: number,
): { first: number; last: number } {
  return { first: Math.max(0, startRow - lead), last: Math.min(total - 1, endRow - lead) };
}
