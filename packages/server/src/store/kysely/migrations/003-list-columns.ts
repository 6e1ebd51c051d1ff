/**
 * What the list sorts and filters on, copied from a connection's logs onto the connection: the errors of
 * both logs, the client log's median latency, and each log's status. Read through the log joins, sorting
 * a million connections by errors took 4.3 s and filtering by status 3.1 s on SQLite, every request
 * blocking the event loop; on `connections`, with indexes, the list reads one index range.
 *
 * Triggers keep the copies exact whatever writes the logs (this code, another process, an operator's
 * SQL): a log's status, errors or latency changing refreshes the connections that point at it, and a
 * connection inserted or pointed at another log refreshes itself. The display still reads the logs.
 */
import { type Kysely, type Migration, sql } from "kysely";
import type { DialectName } from "../database.js";

/** Recomputes the copied columns of the connections `where` selects (SQL over `connections`). */
export function refreshListColumns(where: string): string {
  return `update connections set
    client_status = (select l.status from logs l where l.id = connections.client_log_id),
    server_status = (select l.status from logs l where l.id = connections.server_log_id),
    errors = coalesce((select l.errors from logs l where l.id = connections.client_log_id), 0)
           + coalesce((select l.errors from logs l where l.id = connections.server_log_id), 0),
    median_latency = (select l.median_latency from logs l where l.id = connections.client_log_id)
  where ${where}`;
}

const FROM_LOG = "connections.client_log_id = new.id or connections.server_log_id = new.id";
const FROM_CONNECTION = "connections.connection_id = new.connection_id";

export function listColumnsMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .alterTable("connections")
        .addColumn("errors", "bigint", (col) => col.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable("connections").addColumn("median_latency", "double precision").execute();
      await db.schema.alterTable("connections").addColumn("client_status", "text").execute();
      await db.schema.alterTable("connections").addColumn("server_status", "text").execute();
      await sql.raw(refreshListColumns("1 = 1")).execute(db);

      // Both orders of errors from one index; latency "worst first" (desc, nulls last) from the other.
      await db.schema
        .createIndex("connections_errors_idx")
        .on("connections")
        .expression(sql`errors desc, connection_id desc`)
        .execute();
      // SQLite sorts NULL lowest, so a descending index already puts them last; PostgreSQL must be told.
      const nullsLast = dialect === "postgres" ? sql` nulls last` : sql``;
      await db.schema
        .createIndex("connections_latency_idx")
        .on("connections")
        .expression(sql`median_latency desc${nullsLast}, connection_id desc`)
        .execute();

      if (dialect === "sqlite") {
        await sql
          .raw(`create trigger logs_list_columns after update of status, errors, median_latency on logs
            begin ${refreshListColumns(FROM_LOG)}; end`)
          .execute(db);
        for (const [name, event] of [
          ["connections_list_columns_insert", "insert"],
          ["connections_list_columns_update", "update of client_log_id, server_log_id"],
        ] as const) {
          await sql
            .raw(`create trigger ${name} after ${event} on connections
              begin ${refreshListColumns(FROM_CONNECTION)}; end`)
            .execute(db);
        }
        return;
      }
      for (const [name, where] of [
        ["loupe_list_columns_from_log", FROM_LOG],
        ["loupe_list_columns_from_connection", FROM_CONNECTION],
      ] as const) {
        await sql
          .raw(`create function ${name}() returns trigger language plpgsql as $$
            begin ${refreshListColumns(where)}; return null; end $$`)
          .execute(db);
      }
      await sql
        .raw(`create trigger logs_list_columns after update of status, errors, median_latency on logs
          for each row execute function loupe_list_columns_from_log()`)
        .execute(db);
      await sql
        .raw(`create trigger connections_list_columns after insert or update of client_log_id, server_log_id
          on connections for each row execute function loupe_list_columns_from_connection()`)
        .execute(db);
    },
  };
}
