/**
 * Who gets in (docs/deploy.md, "Sign-in and API tokens"): API tokens and sign-in
 * sessions. Neither table holds a usable secret: tokens and session ids are stored as their SHA-256
 * hashes, so a copy of the database (a backup, a read replica) lets nobody in.
 */
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../database.js";

export function authMigration(dialect: DialectName): Migration {
  // SQLite: the rowid. Tokens are revoked, never deleted, so an id is never handed out twice.
  const idType = dialect === "postgres" ? "bigint" : "integer";
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", idType, (col) => {
          const key = col.primaryKey();
          return dialect === "postgres" ? key.generatedByDefaultAsIdentity() : key;
        })
        .addColumn("name", "text", (col) => col.notNull())
        // Hex SHA-256 of the whole token; unique, so a request's token is found by one index lookup.
        .addColumn("token_hash", "text", (col) => col.notNull().unique())
        // Space-separated, as OAuth writes scopes: "read", "ingest", "read ingest".
        .addColumn("scopes", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("last_used_at", "bigint")
        .addColumn("revoked_at", "bigint")
        .execute();

      await db.schema
        .createTable("sessions")
        // Hex SHA-256 of the session id the cookie carries.
        .addColumn("id_hash", "text", (col) => col.primaryKey())
        .addColumn("user_id", "text", (col) => col.notNull())
        .addColumn("email", "text", (col) => col.notNull())
        .addColumn("name", "text")
        .addColumn("csrf_token", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addColumn("expires_at", "bigint", (col) => col.notNull())
        .execute();
      // Expired sessions are deleted by range whenever one is created.
      await db.schema.createIndex("sessions_expires_idx").on("sessions").column("expires_at").execute();
    },
  };
}
