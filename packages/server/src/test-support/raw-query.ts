/** Rows of one SQL query read straight from a test database, past the Store (which hides internals). */
import Database from "better-sqlite3";
import pg from "pg";
import type { StoreOptions } from "../store/kysely/create-store.js";

export async function rawRows<Row>(options: StoreOptions, query: string): Promise<Row[]> {
  if ("sqlitePath" in options) {
    const db = new Database(options.sqlitePath, { readonly: true });
    try {
      return db.prepare(query).all() as Row[];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    return (await client.query(query)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Runs one statement straight on a test database (as an operator's SQL or another version would). */
export async function rawExec(options: StoreOptions, statement: string): Promise<void> {
  if ("sqlitePath" in options) {
    const db = new Database(options.sqlitePath);
    try {
      db.prepare(statement).run();
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
