/**
 * The databases every store test runs against: SQLite always (a temp file), PostgreSQL when
 * LOUPE_TEST_DATABASE_URL names a server (CI; or the throwaway cluster global-setup.ts starts). Loop with
 * `describe.each(storeFactories)("$dialect", (factory) => …)`.
 *
 * Every `create()` gives a fresh, migrated, empty database: SQLite a new file, PostgreSQL a new database
 * created through the admin URL (its user needs CREATEDB) and dropped by `dispose()`.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createKyselyStore, type StoreOptions } from "../store/kysely/create-store.js";
import type { DialectName } from "../store/kysely/database.js";
import type { KyselyStore } from "../store/kysely/kysely-store.js";

export interface TestDatabase {
  /** How to open this database (for other processes, or raw inspection). */
  readonly options: StoreOptions;
  readonly store: KyselyStore;
  /** Another store on the same database: another process's view (own connections, own pool). */
  openAnother(): KyselyStore;
  /** Closes every store opened here and deletes the database. */
  dispose(): Promise<void>;
}

export interface StoreFactory {
  readonly dialect: DialectName;
  /** A fresh database; migrated unless `migrate: false` (to test migrating itself). */
  create(settings?: { readonly migrate?: boolean }): Promise<TestDatabase>;
}

export const sqliteFactory: StoreFactory = {
  dialect: "sqlite",
  async create(settings) {
    const directory = await mkdtemp(join(tmpdir(), "loupe-store-"));
    return openTestDatabase(
      { sqlitePath: join(directory, "loupe.sqlite") },
      () => rm(directory, { recursive: true, force: true }),
      settings?.migrate ?? true,
    );
  },
};

export function postgresFactory(adminUrl: string): StoreFactory {
  return {
    dialect: "postgres",
    async create(settings) {
      const name = `loupe_test_${randomBytes(8).toString("hex")}`;
      await adminQuery(adminUrl, `create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      return openTestDatabase(
        { databaseUrl: url.toString() },
        () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
        settings?.migrate ?? true,
      );
    },
  };
}

const postgresUrl = process.env.LOUPE_TEST_DATABASE_URL;

export const storeFactories: readonly StoreFactory[] = [
  sqliteFactory,
  ...(postgresUrl !== undefined && postgresUrl !== "" ? [postgresFactory(postgresUrl)] : []),
];

async function openTestDatabase(
  options: StoreOptions,
  remove: () => Promise<void>,
  migrate: boolean,
): Promise<TestDatabase> {
  const opened: KyselyStore[] = [];
  const open = (): KyselyStore => {
    const store = createKyselyStore(options);
    opened.push(store);
    return store;
  };
  const store = open();
  if (migrate) await store.migrate();
  return {
    options,
    store,
    openAnother: open,
    async dispose() {
      await Promise.all(opened.map((each) => each.close()));
      await remove();
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
