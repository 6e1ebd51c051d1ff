/**
 * Epoch ms → ISO 8601 UTC, or null for a value that is no moment (NaN, or beyond ±8.64e15 ms, where
 * `toISOString` throws): a corrupt timestamp must show as unknown, not turn a page into a 500.
 */
export function isoTime(epochMs: number | null | undefined): string | null {
  if (typeof epochMs !== "number") return null;
  const date = new Date(epochMs);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
