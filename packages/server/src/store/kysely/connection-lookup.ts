/** One connection by id: its row (as the list shows it) and its log row ids. */
import type { ConnectionRow } from "../store.js";
import { joinedConnections, selectConnectionRow, toConnectionRow } from "./connection-row.js";
import type { StoreContext } from "./database.js";

export async function getConnection(
  { db }: StoreContext,
  connectionId: number,
  userId: string,
): Promise<ConnectionRow | undefined> {
  const row = await selectConnectionRow(joinedConnections(db), userId)
    .where("c.connection_id", "=", connectionId)
    .executeTakeFirst();
  return row === undefined ? undefined : toConnectionRow(row);
}

export async function connectionLogs(
  { db }: StoreContext,
  connectionId: number,
): Promise<{ client?: number; server?: number } | undefined> {
  const row = await db
    .selectFrom("connections")
    .select(["client_log_id", "server_log_id"])
    .where("connection_id", "=", connectionId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    ...(row.client_log_id === null ? {} : { client: row.client_log_id }),
    ...(row.server_log_id === null ? {} : { server: row.server_log_id }),
  };
}
