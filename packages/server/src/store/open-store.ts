/** The configured database, migrated and ready: SQLite file (its folder created) or PostgreSQL. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createStore, type StoreOptions } from "./kysely/create-store.js";
import type { AuthStore, InsightsStore, Store } from "./store.js";

export interface DatabaseConfig {
  /** SQLite file (ignored when databaseUrl is set). */
  readonly db: string;
  readonly databaseUrl: string | undefined;
}

export async function openStore(config: DatabaseConfig): Promise<Store & InsightsStore & AuthStore> {
  if (config.databaseUrl === undefined) mkdirSync(dirname(config.db), { recursive: true });
  const store = await createStore(storeOptions(config));
  await store.migrate();
  return store;
}

/** SQLite unless a PostgreSQL URL is configured. */
export function storeOptions(config: DatabaseConfig): StoreOptions {
  return config.databaseUrl === undefined ? { sqlitePath: config.db } : { databaseUrl: config.databaseUrl };
}
