/**
 * The queue's columns of every log row, read straight from the database (the Store offers no view of
 * leases): what a test needs to see what a killed process left behind.
 */
import Database from "better-sqlite3";
import pg from "pg";
import type { StoreOptions } from "../store/kysely/create-store.js";

export interface QueueRow {
  readonly url: string;
  readonly status: string;
  readonly attempts: number;
  readonly leaseToken: string | null;
  readonly leaseExpiresAt: number | null;
}

const QUERY = "select url, status, attempts, lease_token, lease_expires_at from logs";

interface RawRow {
  url: string;
  status: string;
  attempts: number | string;
  lease_token: string | null;
  lease_expires_at: number | string | null;
}

export async function queueRows(options: StoreOptions): Promise<QueueRow[]> {
  const rows =
    "sqlitePath" in options ? readSqlite(options.sqlitePath) : await readPostgres(options.databaseUrl);
  // PostgreSQL returns bigint columns as strings.
  return rows.map((row) => ({
    url: row.url,
    status: row.status,
    attempts: Number(row.attempts),
    leaseToken: row.lease_token,
    leaseExpiresAt: row.lease_expires_at === null ? null : Number(row.lease_expires_at),
  }));
}

function readSqlite(path: string): RawRow[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare(QUERY).all() as RawRow[];
  } finally {
    db.close();
  }
}

async function readPostgres(url: string): Promise<RawRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<RawRow>(QUERY)).rows;
  } finally {
    await client.end();
  }
}
