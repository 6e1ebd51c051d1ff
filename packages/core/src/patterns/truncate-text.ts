const ELLIPSIS = "…";

/**
 * `text` cut to at most `maxLength` UTF-16 code units, ending in "…" when cut. A surrogate pair is never
 * split, so the result stays valid Unicode whatever the input.
 */
export function truncateText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let cut = Math.max(0, maxLength - ELLIPSIS.length);
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return text.slice(0, cut) + ELLIPSIS;
}
