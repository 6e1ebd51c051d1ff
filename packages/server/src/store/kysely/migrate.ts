/**
 * Runs the migrations with Kysely's Migrator. Concurrent starts are safe: on PostgreSQL the Migrator holds
 * a session advisory lock while it migrates; on SQLite it migrates inside a BEGIN IMMEDIATE transaction
 * (see sqlite.ts), the file's single write lock. Either way the second process waits, then finds nothing
 * left to do.
 */
import { Migrator } from "kysely";
import type { StoreContext } from "./database.js";
import { StaticMigrationProvider } from "./migrations/index.js";

function migrator({ db, dialect }: StoreContext): Migrator {
  return new Migrator({ db, provider: new StaticMigrationProvider(dialect) });
}

export async function migrateToLatest(context: StoreContext): Promise<void> {
  const { error, results } = await migrator(context).migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((result) => result.status === "Error")?.migrationName;
    throw new Error(`database migration ${failed ?? ""} failed: ${String(error)}`, { cause: error });
  }
}

/** True when the database answers and no migration is pending. */
export async function migrationsApplied(context: StoreContext): Promise<boolean> {
  try {
    const migrations = await migrator(context).getMigrations();
    return migrations.every((migration) => migration.executedAt !== undefined);
  } catch {
    return false;
  }
}
