/**
 * The queue's columns of every log row, read straight from the database (the Store offers no view of
 * leases): what a test needs to see what a killed process left behind.
 */
import type { StoreOptions } from "../store/kysely/create-store.js";
import { rawRows } from "./raw-query.js";

export interface QueueRow {
  readonly url: string;
  readonly status: string;
  readonly attempts: number;
  readonly leaseToken: string | null;
  /** `host:pid` of the process holding the lease. */
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
}

const QUERY = "select url, status, attempts, lease_token, lease_owner, lease_expires_at from logs";

interface RawRow {
  url: string;
  status: string;
  attempts: number | string;
  lease_token: string | null;
  lease_owner: string | null;
  lease_expires_at: number | string | null;
}

export async function queueRows(options: StoreOptions): Promise<QueueRow[]> {
  const rows = await rawRows<RawRow>(options, QUERY);
  // PostgreSQL returns bigint columns as strings.
  return rows.map((row) => ({
    url: row.url,
    status: row.status,
    attempts: Number(row.attempts),
    leaseToken: row.lease_token,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at === null ? null : Number(row.lease_expires_at),
  }));
}
