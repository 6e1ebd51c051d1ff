/**
 * How SQLite finds connections by username at scale. `LIKE '%needle%'` (connection-filters.ts, always
 * applied: it is the definition) cannot use a B-tree, so:
 *
 * - a needle of 3+ characters that few usernames contain is looked up in the FTS5 trigram index
 *   (migrations/002): the page and the count then read only those rows (367 ms → a few ms for a rare name
 *   at 1,000,000 connections);
 * - a needle that many usernames contain keeps the list's own index order and stops after one page: with
 *   matches dense, that is a short walk, while driving from the index would sort every match (3.4 s for
 *   `a`). Its count is the expensive part and is cached per data generation (count-cache.ts);
 * - a needle of 1–2 characters has no trigram: the same walk.
 *
 * PostgreSQL's planner does this by itself with the pg_trgm index.
 */
import { type RawBuilder, type SqlBool, sql } from "kysely";
import type { StoreContext } from "./database.js";
import { USERNAME_FTS } from "./migrations/002-search-and-generation.js";

/**
 * Up to this many matches the index drives; above it the list order does. Measured at 1,000,000
 * connections (docs/benchmarks.md): sorting 5,000 matches costs about what walking to the first page
 * of a needle that common costs.
 */
export const INDEX_DRIVEN_MAX_MATCHES = 5_000;

/** The trigram tokenizer needs three characters (code points) to match anything. */
const MIN_TRIGRAM_LENGTH = 3;

/** An extra condition that narrows the rows to the index's matches, or undefined to walk the list. */
export async function usernameIndexCondition(
  { db, dialect }: StoreContext,
  needle: string,
): Promise<RawBuilder<SqlBool> | undefined> {
  if (dialect !== "sqlite" || needle.includes("\u0000")) return undefined;
  const lower = needle.toLowerCase();
  if ([...lower].length < MIN_TRIGRAM_LENGTH) return undefined;
  const phrase = ftsPhrase(lower);
  const fts = sql.id(USERNAME_FTS);
  const counted = await sql<{ matches: number }>`
    select count(*) as matches from (
      select 1 from ${fts} where ${fts} match ${phrase} limit ${INDEX_DRIVEN_MAX_MATCHES + 1}
    )`.execute(db);
  if (Number(counted.rows[0]?.matches ?? 0) > INDEX_DRIVEN_MAX_MATCHES) return undefined;
  return sql<SqlBool>`c.connection_id in (select rowid from ${fts} where ${fts} match ${phrase})`;
}

/** An FTS5 phrase: the needle verbatim (a quote doubled), so no character is query syntax. */
export function ftsPhrase(needle: string): string {
  return `"${needle.replaceAll('"', '""')}"`;
}
