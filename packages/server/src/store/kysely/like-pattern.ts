/**
 * Username search as a LIKE pattern that both databases read the same way: the needle is lower-cased in
 * JavaScript (as `username_lower` was when stored) and `%`, `_` and the escape character itself are
 * escaped, so every character of the needle matches only itself.
 */
export const LIKE_ESCAPE = "\\";

export function containsPattern(needle: string): string {
  const escaped = needle.toLowerCase().replace(/[\\%_]/g, (char) => LIKE_ESCAPE + char);
  return `%${escaped}%`;
}
