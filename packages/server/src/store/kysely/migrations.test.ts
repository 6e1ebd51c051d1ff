import Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { StoreOptions } from "./create-store.js";
import { createStore } from "./create-store.js";

/** Index name → its definition, read straight from the database's catalog. */
async function indexesOf(options: StoreOptions): Promise<Map<string, string>> {
  if ("sqlitePath" in options) {
    const sqlite = new Database(options.sqlitePath, { readonly: true });
    try {
      const rows = sqlite
        .prepare("select name, coalesce(sql, '') as definition from sqlite_master where type = 'index'")
        .all() as { name: string; definition: string }[];
      return new Map(rows.map((row) => [row.name, row.definition]));
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: options.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ indexname: string; indexdef: string }>(
      "select indexname, indexdef from pg_indexes where schemaname = current_schema()",
    );
    return new Map(rows.map((row) => [row.indexname, row.indexdef]));
  } finally {
    await client.end();
  }
}

describe.each(storeFactories)("migrations on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.dispose();
    database = undefined;
  });

  it("reports not ready until migrated, then ready; migrating again changes nothing", async () => {
    database = await factory.create({ migrate: false });
    expect(await database.store.ready()).toBe(false);
    await database.store.migrate();
    expect(await database.store.ready()).toBe(true);
    const before = await indexesOf(database.options);
    await database.store.migrate();
    expect(await indexesOf(database.options)).toEqual(before);
  });

  it("creates the indexes the queries rely on", async () => {
    database = await factory.create();
    const indexes = await indexesOf(database.options);
    for (const name of [
      "connections_list_idx",
      "connections_version_idx",
      "connections_client_log_idx",
      "connections_server_log_idx",
      "connections_username_idx",
      "logs_status_idx",
      "logs_queue_idx",
      "log_patterns_pattern_idx",
      "bookmarks_user_idx",
    ]) {
      expect(indexes.has(name), name).toBe(true);
    }
    if (factory.dialect === "postgres") {
      // The throwaway cluster and CI run as a user who may create pg_trgm.
      expect(indexes.get("connections_username_idx")).toMatch(/USING gin \(username_lower gin_trgm_ops\)/);
    }
  });

  it("lets several stores migrate one fresh database at the same time", async () => {
    database = await factory.create({ migrate: false });
    const stores = [database.store, database.openAnother(), database.openAnother(), database.openAnother()];
    await Promise.all(stores.map((store) => store.migrate()));
    expect(await Promise.all(stores.map((store) => store.ready()))).toEqual([true, true, true, true]);
  });

  it("reports not ready (rather than throwing) when the database cannot be reached", async () => {
    const options: StoreOptions =
      factory.dialect === "sqlite"
        ? { sqlitePath: "/nonexistent-directory/loupe.sqlite" }
        : { databaseUrl: "postgresql://nobody@127.0.0.1:1/none" };
    const store = await createStore(options);
    expect(await store.ready()).toBe(false);
    await store.close();
  });
});
