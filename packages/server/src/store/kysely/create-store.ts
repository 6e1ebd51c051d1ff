/**
 * The store factory: SQLite for a file path, PostgreSQL for a URL; one implementation serves both.
 * The store is returned unmigrated: call `migrate()` once at start (the API's readiness reports it).
 */
import type { AuthStore, InsightsStore, Store } from "../store.js";
import { KyselyStore } from "./kysely-store.js";
import { openPostgres } from "./postgres.js";
import { openSqlite } from "./sqlite.js";

export type StoreOptions = { readonly sqlitePath: string } | { readonly databaseUrl: string };

export async function createStore(options: StoreOptions): Promise<Store & InsightsStore & AuthStore> {
  return createKyselyStore(options);
}

/** The concrete class, for tests and tools that want `dialect`. */
export function createKyselyStore(options: StoreOptions): KyselyStore {
  if ("sqlitePath" in options) {
    return new KyselyStore({ ...openSqlite(options.sqlitePath), dialect: "sqlite" });
  }
  return new KyselyStore({
    ...openPostgres(options.databaseUrl),
    localWrites: { count: 0 },
    dialect: "postgres",
  });
}
