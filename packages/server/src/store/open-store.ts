/** The configured database, migrated and ready: SQLite file (its folder created) or PostgreSQL. */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { createStore } from "./kysely/create-store.js";
import type { InsightsStore, Store } from "./store.js";

export async function openStore(config: {
  readonly db: string;
  readonly databaseUrl: string | undefined;
}): Promise<Store & InsightsStore> {
  if (config.databaseUrl === undefined) mkdirSync(dirname(config.db), { recursive: true });
  const store = await createStore(
    config.databaseUrl === undefined ? { sqlitePath: config.db } : { databaseUrl: config.databaseUrl },
  );
  await store.migrate();
  return store;
}
