/**
 * importConnections: upserts manifest rows by connection_id in one transaction. Log rows are keyed by URL:
 * a URL seen for the first time gets a new pending log row (fetched once however many connections name
 * it); a connection whose URL changed is pointed at the row for its new URL. Rows that did not change are
 * not written at all, so a re-import of the same manifest touches nothing.
 */
import type { Kysely, Transaction } from "kysely";
import type { ConnectionInput, ImportResult } from "../store.js";
import { chunks } from "./chunks.js";
import type { Database, ImportedConnectionColumns, StoreContext } from "./database.js";
import { lockPatternTotals } from "./pattern-totals-lock.js";

export async function importConnections(
  { db, dialect }: StoreContext,
  rows: readonly ConnectionInput[],
  now: number,
): Promise<ImportResult> {
  // A repeated connection_id: the last occurrence wins (the manifest read top to bottom); counted once.
  const distinct = [...new Map(rows.map((row) => [row.connectionId, row])).values()];
  const totals = { inserted: 0, updated: 0, unchanged: 0, logsQueued: 0 };
  await db.transaction().execute(async (trx) => {
    // Re-pointed or renamed connections rebuild their pattern hits: see pattern-totals-lock.ts.
    await lockPatternTotals(trx, dialect);
    for (const batch of chunks(distinct)) {
      const { ids, created } = await ensureLogRows(trx, batch);
      totals.logsQueued += created;
      const existing = await existingConnections(trx, batch);
      const writes: ImportedConnectionColumns[] = [];
      for (const input of batch) {
        const row = toConnectionsRow(input, ids, now);
        const before = existing.get(row.connection_id);
        if (before === undefined) totals.inserted++;
        else if (sameConnection(before, row)) {
          totals.unchanged++;
          continue;
        } else totals.updated++;
        writes.push(row);
      }
      await upsertConnections(trx, writes);
    }
  });
  return totals;
}

/** Log row ids for every URL in `batch`, creating (and so queueing) the rows that did not exist. */
async function ensureLogRows(
  trx: Transaction<Database>,
  batch: readonly ConnectionInput[],
): Promise<{ ids: ReadonlyMap<string, number>; created: number }> {
  const urls = [...new Set(batch.flatMap((row) => [urlOf(row.clientUrl), urlOf(row.serverUrl)]))].filter(
    (url): url is string => url !== null,
  );
  if (urls.length === 0) return { ids: new Map(), created: 0 };
  const inserted = await trx
    .insertInto("logs")
    // next_attempt_at 0: due at once, and new logs are taken in id (manifest) order.
    .values(urls.map((url) => ({ url, status: "pending" as const, next_attempt_at: 0 })))
    .onConflict((conflict) => conflict.column("url").doNothing())
    .returning("id")
    .execute();
  const found = await trx.selectFrom("logs").select(["id", "url"]).where("url", "in", urls).execute();
  return { ids: new Map(found.map((log) => [log.url, log.id])), created: inserted.length };
}

async function existingConnections(
  trx: Kysely<Database>,
  batch: readonly ConnectionInput[],
): Promise<ReadonlyMap<number, ImportedConnectionColumns>> {
  const found = await trx
    .selectFrom("connections")
    .selectAll()
    .where(
      "connection_id",
      "in",
      batch.map((row) => row.connectionId),
    )
    .execute();
  return new Map(found.map((row) => [row.connection_id, row]));
}

async function upsertConnections(
  trx: Kysely<Database>,
  rows: readonly ImportedConnectionColumns[],
): Promise<void> {
  if (rows.length === 0) return;
  await trx
    .insertInto("connections")
    .values(rows)
    .onConflict((conflict) =>
      conflict.column("connection_id").doUpdateSet((eb) => ({
        username: eb.ref("excluded.username"),
        username_lower: eb.ref("excluded.username_lower"),
        ip: eb.ref("excluded.ip"),
        version: eb.ref("excluded.version"),
        last_updated: eb.ref("excluded.last_updated"),
        client_log_id: eb.ref("excluded.client_log_id"),
        server_log_id: eb.ref("excluded.server_log_id"),
        imported_at: eb.ref("excluded.imported_at"),
      })),
    )
    .execute();
}

function toConnectionsRow(
  input: ConnectionInput,
  logIds: ReadonlyMap<string, number>,
  now: number,
): ImportedConnectionColumns {
  const logId = (url: string | null): number | null => {
    const key = urlOf(url);
    return key === null ? null : (logIds.get(key) ?? null);
  };
  return {
    connection_id: input.connectionId,
    username: input.username,
    username_lower: input.username === null ? null : input.username.toLowerCase(),
    ip: input.ip,
    version: input.version,
    last_updated: input.lastUpdated,
    client_log_id: logId(input.clientUrl),
    server_log_id: logId(input.serverUrl),
    imported_at: now,
  };
}

function sameConnection(a: ImportedConnectionColumns, b: ImportedConnectionColumns): boolean {
  return (
    a.username === b.username &&
    a.ip === b.ip &&
    a.version === b.version &&
    a.last_updated === b.last_updated &&
    a.client_log_id === b.client_log_id &&
    a.server_log_id === b.server_log_id
  );
}

/** log-format.md: `""` means no log, like null. */
function urlOf(url: string | null): string | null {
  return url === null || url === "" ? null : url;
}
