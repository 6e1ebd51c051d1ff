/**
 * A token that changes whenever a write may have changed what a read returns, cheap enough to read on
 * every request: caches of list pages and counts key on it, so they are never stale and need no TTL.
 *
 * Writers bump it *after* their transaction commits; readers read it *before* they query. A reader can
 * then cache newer data under an older token (harmless: the bump that follows retires it), never older
 * data under a newer one.
 *
 * - SQLite: a counter per open file in this process (every store of the process shares one connection,
 *   sqlite.ts) plus `PRAGMA data_version`, which changes when another process commits to the file.
 * - PostgreSQL: a sequence every process bumps (nextval is not transactional: no lock, no contention).
 */
import { sql } from "kysely";
import type { StoreContext } from "./database.js";
import { FreshReads } from "./fresh-reads.js";

/** The PostgreSQL sequence (migrations/002-search-and-generation.ts). */
export const GENERATION_SEQUENCE = "loupe_data_generation";

/** Writes this process made to one SQLite file; shared by the stores that share its connection. */
export interface LocalWrites {
  count: number;
}

/** Reads the generation (concurrent callers share reads: see `generationReader`). */
export async function readGeneration(context: StoreContext): Promise<string> {
  if (context.dialect === "sqlite") {
    // Microseconds, in-process: no need to share.
    const result = await sql<{ data_version: number }>`pragma data_version`.execute(context.db);
    return `${context.localWrites.count}.${result.rows[0]?.data_version ?? 0}`;
  }
  const result = await sql<{ last_value: number }>`
    select last_value from ${sql.id(GENERATION_SEQUENCE)}`.execute(context.db);
  return String(result.rows[0]?.last_value ?? 0);
}

/** `readGeneration` for one store; on PostgreSQL, concurrent callers share round trips (fresh-reads.ts). */
export function generationReader(context: StoreContext): () => Promise<string> {
  if (context.dialect === "sqlite") return () => readGeneration(context);
  const reads = new FreshReads(() => readGeneration(context));
  return () => reads.read();
}

/**
 * Never throws: the write it follows has committed, and reporting it as failed would make its caller
 * retry a done write. If the database went away in between, other processes see the change at the next
 * bump; their caches also expire by age (api/response-cache.ts).
 */
export async function bumpGeneration(context: StoreContext): Promise<void> {
  context.localWrites.count++;
  if (context.dialect === "postgres") {
    await sql`select nextval(${GENERATION_SEQUENCE})`.execute(context.db).catch(() => undefined);
  }
}
