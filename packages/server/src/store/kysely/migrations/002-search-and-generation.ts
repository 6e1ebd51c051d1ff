/**
 * Two things the list needs at a million connections (docs/benchmarks.md, "The server under load").
 *
 * SQLite: username search through an FTS5 trigram index. `LIKE '%…%'` cannot use a B-tree, so a rare
 * name walked all rows (367 ms at 1,000,000). The FTS table is external-content (it stores only the index,
 * not a second copy of the names), kept in step with `connections` by triggers, and case-sensitive over
 * the already lower-cased `username_lower`: a needle matches exactly where `LIKE` would, which
 * username-search.ts still checks. PostgreSQL has the same from pg_trgm (001).
 *
 * PostgreSQL: the sequence behind the data generation (data-generation.ts); SQLite needs no table for it.
 */
import { type Kysely, type Migration, sql } from "kysely";
import { GENERATION_SEQUENCE } from "../data-generation.js";
import type { DialectName } from "../database.js";

/** The FTS5 table (username-search.ts queries it). */
export const USERNAME_FTS = "connections_username_fts";

export function searchAndGenerationMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      if (dialect === "postgres") {
        await sql`create sequence if not exists ${sql.id(GENERATION_SEQUENCE)}`.execute(db);
        return;
      }
      const fts = sql.id(USERNAME_FTS);
      await sql`create virtual table ${fts} using fts5(
        username_lower,
        content = 'connections', content_rowid = 'connection_id',
        tokenize = 'trigram case_sensitive 1'
      )`.execute(db);
      await sql`create trigger connections_username_fts_insert after insert on connections begin
        insert into ${fts} (rowid, username_lower) values (new.connection_id, new.username_lower);
      end`.execute(db);
      await sql`create trigger connections_username_fts_delete after delete on connections begin
        insert into ${fts} (${fts}, rowid, username_lower) values ('delete', old.connection_id, old.username_lower);
      end`.execute(db);
      await sql`create trigger connections_username_fts_update after update of username_lower on connections
      begin
        insert into ${fts} (${fts}, rowid, username_lower) values ('delete', old.connection_id, old.username_lower);
        insert into ${fts} (rowid, username_lower) values (new.connection_id, new.username_lower);
      end`.execute(db);
      // Indexes the rows already there (a database created before this migration).
      await sql`insert into ${fts} (${fts}) values ('rebuild')`.execute(db);
    },
  };
}
