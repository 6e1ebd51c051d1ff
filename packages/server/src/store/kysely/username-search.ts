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

export interface UsernameSearchPlan {
  /** Narrows the page (and the count) to the index's matches; undefined: walk the list order. */
  readonly condition?: RawBuilder<SqlBool>;
  /**
   * The total from the index alone, when the search is the only filter (the index matches exactly the
   * names LIKE does: the property test in search-connections.test.ts holds it to that). Counting a broad
   * needle there costs 1–25 ms where scanning every name costs 60–80 ms.
   */
  readonly total?: () => Promise<number>;
}

export async function planUsernameSearch(
  { db, dialect }: StoreContext,
  needle: string,
  onlyFilter: boolean,
): Promise<UsernameSearchPlan> {
  if (dialect !== "sqlite" || needle.includes("\u0000")) return {};
  const lower = needle.toLowerCase();
  if ([...lower].length < MIN_TRIGRAM_LENGTH) return {};
  const fts = sql.id(USERNAME_FTS);
  const phrase = ftsPhrase(lower);
  // The index is read once (~4 ms for a name of common letters at 1,000,000 rows); the page and the
  // count then take the ids as one JSON parameter.
  const matches = await sql<{ id: number }>`
    select rowid as id from ${fts} where ${fts} match ${phrase}
    limit ${INDEX_DRIVEN_MAX_MATCHES + 1}`.execute(db);
  if (matches.rows.length > INDEX_DRIVEN_MAX_MATCHES) {
    if (!onlyFilter) return {};
    const total = async () => {
      const counted = await sql<{ total: number }>`
        select count(*) as total from ${fts} where ${fts} match ${phrase}`.execute(db);
      return Number(counted.rows[0]?.total ?? 0);
    };
    return { total };
  }
  const ids = JSON.stringify(matches.rows.map((row) => row.id));
  return {
    condition: sql<SqlBool>`c.connection_id in (select value from json_each(${ids}))`,
    ...(onlyFilter ? { total: () => Promise.resolve(matches.rows.length) } : {}),
  };
}

/** An FTS5 phrase: the needle verbatim (a quote doubled), so no character is query syntax. */
export function ftsPhrase(needle: string): string {
  return `"${needle.replaceAll('"', '""')}"`;
}
