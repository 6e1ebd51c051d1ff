/**
 * The first schema (docs/server-design.md). Types are chosen per dialect only where they must differ:
 * identity columns and binary data.
 */
import { type Kysely, type Migration, sql } from "kysely";
import type { DialectName } from "../database.js";
import { createUsernameSearchIndex } from "./username-search-index.js";

export function initialMigration(dialect: DialectName): Migration {
  // SQLite: "integer primary key" makes the column the rowid (no second index); PostgreSQL: bigint.
  const idType = dialect === "postgres" ? "bigint" : "integer";
  const blobType = dialect === "postgres" ? "bytea" : "blob";

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable("logs")
        .addColumn("id", idType, (col) => {
          const key = col.primaryKey();
          return dialect === "postgres" ? key.generatedByDefaultAsIdentity() : key;
        })
        .addColumn("url", "text", (col) => col.notNull().unique())
        .addColumn("status", "text", (col) => col.notNull())
        .addColumn("etag", "text")
        .addColumn("last_modified", "text")
        .addColumn("bytes", "bigint")
        .addColumn("parser_version", "integer")
        .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("last_error", "text")
        .addColumn("http_status", "integer")
        .addColumn("next_attempt_at", "bigint", (col) => col.notNull())
        .addColumn("priority", "integer", (col) => col.notNull().defaultTo(0))
        .addColumn("lease_owner", "text")
        .addColumn("lease_token", "text")
        .addColumn("lease_expires_at", "bigint")
        .addColumn("entries", "bigint")
        .addColumn("levels", "text")
        .addColumn("errors", "bigint")
        .addColumn("warnings", "bigint")
        .addColumn("continuation_lines", "bigint")
        .addColumn("unparsed_lines", "bigint")
        .addColumn("invalid_values", "bigint")
        .addColumn("first_time", "double precision")
        .addColumn("last_time", "double precision")
        .addColumn("duration_seconds", "double precision")
        .addColumn("stats", "text")
        .addColumn("median_latency", "double precision")
        .addColumn("ingested_at", "bigint")
        .execute();

      await db.schema
        .createTable("connections")
        .addColumn("connection_id", idType, (col) => col.primaryKey())
        .addColumn("username", "text")
        .addColumn("username_lower", "text")
        .addColumn("ip", "text", (col) => col.notNull())
        .addColumn("version", "text")
        .addColumn("last_updated", "bigint", (col) => col.notNull())
        .addColumn("client_log_id", idType, (col) => col.references("logs.id"))
        .addColumn("server_log_id", idType, (col) => col.references("logs.id"))
        .addColumn("imported_at", "bigint", (col) => col.notNull())
        .execute();

      await db.schema
        .createTable("log_series")
        .addColumn("log_id", idType, (col) => col.notNull().references("logs.id").onDelete("cascade"))
        .addColumn("metric", "text", (col) => col.notNull())
        .addColumn("point_count", "integer", (col) => col.notNull())
        .addColumn("data", blobType, (col) => col.notNull())
        .addPrimaryKeyConstraint("log_series_pk", ["log_id", "metric"])
        .execute();

      await db.schema
        .createTable("log_patterns")
        .addColumn("log_id", idType, (col) => col.notNull().references("logs.id").onDelete("cascade"))
        .addColumn("pattern_id", "text", (col) => col.notNull())
        .addColumn("level", "text", (col) => col.notNull())
        .addColumn("template", "text", (col) => col.notNull())
        .addColumn("example", "text", (col) => col.notNull())
        .addColumn("count", "bigint", (col) => col.notNull())
        .addColumn("first_time", "double precision")
        .addColumn("last_time", "double precision")
        .addPrimaryKeyConstraint("log_patterns_pk", ["log_id", "level", "pattern_id"])
        .execute();

      await db.schema
        .createTable("bookmarks")
        .addColumn("connection_id", idType, (col) =>
          col.notNull().references("connections.connection_id").onDelete("cascade"),
        )
        .addColumn("user_id", "text", (col) => col.notNull())
        .addColumn("created_at", "bigint", (col) => col.notNull())
        .addPrimaryKeyConstraint("bookmarks_pk", ["connection_id", "user_id"])
        .execute();

      // The list's default order, and its keyset cursor's tie-break.
      await db.schema
        .createIndex("connections_list_idx")
        .on("connections")
        .expression(sql`last_updated desc, connection_id desc`)
        .execute();
      await db.schema.createIndex("connections_version_idx").on("connections").column("version").execute();
      // Joins from a log back to its connections (status filter, insights, connectionsWithPattern).
      await db.schema
        .createIndex("connections_client_log_idx")
        .on("connections")
        .column("client_log_id")
        .execute();
      await db.schema
        .createIndex("connections_server_log_idx")
        .on("connections")
        .column("server_log_id")
        .execute();
      await createUsernameSearchIndex(db, dialect);

      await db.schema.createIndex("logs_status_idx").on("logs").column("status").execute();
      // claimLogs: due pending logs in (priority desc, next_attempt_at, id) order.
      await db.schema
        .createIndex("logs_queue_idx")
        .on("logs")
        .expression(sql`status, priority desc, next_attempt_at, id`)
        .execute();

      // Fleet insights group by pattern; the primary key leads with log_id.
      await db.schema
        .createIndex("log_patterns_pattern_idx")
        .on("log_patterns")
        .columns(["pattern_id", "level"])
        .execute();
      await db.schema
        .createIndex("bookmarks_user_idx")
        .on("bookmarks")
        .columns(["user_id", "connection_id"])
        .execute();
    },
  };
}
