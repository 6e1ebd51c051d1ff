/**
 * Every migration, in order. Names sort lexically (NNN-name); never rename or edit an applied one: add
 * the next. Provided statically so bundles and compiled builds need no migration files on disk.
 */
import type { Migration, MigrationProvider } from "kysely";
import type { DialectName } from "../database.js";
import { initialMigration } from "./001-initial.js";
import { searchAndGenerationMigration } from "./002-search-and-generation.js";
import { listColumnsMigration } from "./003-list-columns.js";
import { authMigration } from "./004-auth.js";
import { fleetAggregatesMigration } from "./005-fleet-aggregates.js";

export function migrationsFor(dialect: DialectName): Readonly<Record<string, Migration>> {
  return {
    "001-initial": initialMigration(dialect),
    "002-search-and-generation": searchAndGenerationMigration(dialect),
    "003-list-columns": listColumnsMigration(dialect),
    "004-auth": authMigration(dialect),
    "005-fleet-aggregates": fleetAggregatesMigration(dialect),
  };
}

export class StaticMigrationProvider implements MigrationProvider {
  readonly #migrations: Readonly<Record<string, Migration>>;

  constructor(dialect: DialectName) {
    this.#migrations = migrationsFor(dialect);
  }

  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...this.#migrations });
  }
}
