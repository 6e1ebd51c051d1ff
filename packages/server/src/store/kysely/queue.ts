/**
 * The fetch queue in the logs table. A log is due when it is pending, its next attempt is not in the
 * future and nobody holds a live lease on it (a lease that expired is up for grabs again: its worker
 * crashed or hangs). Claiming stamps a fresh random token; only that token can complete the log.
 */
import { sql } from "kysely";
import type { ClaimedLog, IngestStatus } from "../store.js";
import type { StoreContext } from "./database.js";

/** A log a user is looking at goes before the backlog. */
export const PRIORITY_USER = 10;
export const PRIORITY_NORMAL = 0;
/** Re-parsing logs already shown (a newer parser) waits for logs never shown. */
export const PRIORITY_BACKGROUND = -10;

export async function claimLogs(
  { db, dialect }: StoreContext,
  workerId: string,
  limit: number,
  leaseMs: number,
  now: number,
): Promise<ClaimedLog[]> {
  if (limit < 1) return [];
  const leaseExpiresAt = now + leaseMs;
  // gen_random_uuid is core PostgreSQL since 13; SQLite has randomblob. One token per row.
  const freshToken =
    dialect === "postgres" ? sql<string>`gen_random_uuid()::text` : sql<string>`lower(hex(randomblob(16)))`;
  const claimed = await db
    .with(
      (cte) => cte("due").materialized(),
      (qb) =>
        qb
          .selectFrom("logs")
          .select("id")
          .where("status", "=", "pending")
          .where("next_attempt_at", "<=", now)
          .where((eb) => eb.or([eb("lease_expires_at", "is", null), eb("lease_expires_at", "<", now)]))
          .orderBy("priority", "desc")
          .orderBy("next_attempt_at")
          .orderBy("id")
          .limit(limit)
          // PostgreSQL: concurrent claimers skip each other's rows instead of queueing behind them.
          // SQLite runs one writer at a time, so the statement is atomic as it stands.
          .$if(dialect === "postgres", (q) => q.forUpdate().skipLocked()),
    )
    .updateTable("logs")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      lease_owner: workerId,
      lease_token: freshToken,
      lease_expires_at: leaseExpiresAt,
    }))
    .where("id", "in", (eb) => eb.selectFrom("due").select("due.id"))
    .returning([
      "id",
      "url",
      "attempts",
      "etag",
      "last_modified",
      "lease_token",
      "priority",
      "next_attempt_at",
    ])
    .execute();
  // UPDATE … RETURNING has no order; hand the logs out in queue order.
  claimed.sort((a, b) => b.priority - a.priority || a.next_attempt_at - b.next_attempt_at || a.id - b.id);
  return claimed.map((row) => {
    if (row.lease_token === null) throw new Error(`claimed log ${row.id} has no lease token`);
    return {
      logId: row.id,
      url: row.url,
      attempts: row.attempts,
      etag: row.etag,
      lastModified: row.last_modified,
      leaseToken: row.lease_token,
      leaseExpiresAt,
    };
  });
}

export async function renewLease(
  { db }: StoreContext,
  logId: number,
  leaseToken: string,
  leaseMs: number,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable("logs")
    .set({ lease_expires_at: now + leaseMs })
    .where("id", "=", logId)
    .where("lease_token", "=", leaseToken)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Front of the queue; a log in backoff becomes due now, a log under a live lease keeps its worker. */
export async function prioritize({ db }: StoreContext, logId: number, now: number): Promise<void> {
  await db
    .updateTable("logs")
    .set({
      priority: PRIORITY_USER,
      // CASE rather than min()/least(): SQLite has only the one, PostgreSQL only the other.
      next_attempt_at: sql<number>`case when next_attempt_at < ${now} then next_attempt_at else ${now} end`,
    })
    .where("id", "=", logId)
    .where("status", "=", "pending")
    .execute();
}

/**
 * Queues a log again now, whatever its state: a fresh series of attempts at user priority. Its stored
 * results stay visible until new ones replace them; a lease in flight is revoked (its token is cleared).
 */
export async function requeue({ db }: StoreContext, logId: number, now: number): Promise<void> {
  await db
    .updateTable("logs")
    .set({
      status: "pending",
      attempts: 0,
      next_attempt_at: now,
      priority: PRIORITY_USER,
      lease_owner: null,
      lease_token: null,
      lease_expires_at: null,
    })
    .where("id", "=", logId)
    .execute();
}

export async function requeueOutdated({ db }: StoreContext, parserVersion: number): Promise<number> {
  const result = await db
    .updateTable("logs")
    .set({ status: "pending", attempts: 0, next_attempt_at: 0, priority: PRIORITY_BACKGROUND })
    .where("status", "in", ["ok", "invalid"])
    .where("parser_version", "<", parserVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function ingestStatus({ db }: StoreContext): Promise<IngestStatus> {
  const rows = await db
    .selectFrom("logs")
    .select((eb) => ["status", eb.fn.countAll<number>().as("count")])
    .groupBy("status")
    .execute();
  const count = (status: string): number => Number(rows.find((row) => row.status === status)?.count ?? 0);
  const total = rows.reduce((sum, row) => sum + Number(row.count), 0);
  return {
    total,
    done: count("ok") + count("invalid") + count("missing"),
    pending: count("pending"),
    failed: count("unavailable"),
  };
}
