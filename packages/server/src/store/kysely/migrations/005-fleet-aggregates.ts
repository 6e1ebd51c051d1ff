/**
 * What the fleet insights read, kept up to date by triggers so that no insight scans the fleet: the
 * ingested samples (fleet-samples-table.ts) and the distinct usernames (fleet-usernames-table.ts).
 * Independent of the other migrations' contents beyond 001–003's tables.
 */
import type { Kysely, Migration } from "kysely";
import type { DialectName } from "../database.js";
import { createFleetSamples, fillFleetSamples } from "./fleet-samples-table.js";
import { createFleetUsernames, fillFleetUsernames } from "./fleet-usernames-table.js";

export function fleetAggregatesMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createFleetSamples(db, dialect);
      await createFleetUsernames(db, dialect);
    },
  };
}

/** Rebuilds every aggregate from the base tables: for bulk loads that wrote with the triggers off. */
export function fillFleetAggregates(dialect: DialectName): string[] {
  return [...fillFleetSamples(dialect), ...fillFleetUsernames()];
}
