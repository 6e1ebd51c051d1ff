/**
 * PostgreSQL: the writers of the fleet's pattern totals (migration 005's triggers, fired by a log's
 * patterns being replaced or a connection being re-pointed or renamed) take one transaction-scoped
 * advisory lock first, before any row the totals' triggers touch. Every completed log updates the totals
 * of the patterns it shares with the rest of the fleet; without an order between those transactions, two
 * workers (or a worker and an import) could lock the same totals rows in opposite orders and deadlock.
 * The lock is held from there to commit: a few milliseconds per log. SQLite has one writer at a time.
 */
import { type Kysely, sql } from "kysely";
import type { Database, DialectName } from "./database.js";

/** "LOUPE" in ASCII; Kysely's migration lock uses another key. */
const PATTERN_TOTALS_LOCK = 0x4c4f555045;

export async function lockPatternTotals(trx: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect === "postgres") await sql`select pg_advisory_xact_lock(${PATTERN_TOTALS_LOCK})`.execute(trx);
}
