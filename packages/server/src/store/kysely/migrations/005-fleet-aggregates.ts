/**
 * What the fleet insights read, kept up to date by triggers so that no insight scans the fleet: the
 * ingested samples (fleet-samples-table.ts), the distinct usernames (fleet-usernames-table.ts), and the
 * error patterns' hits and totals (fleet-pattern-hits-table.ts, fleet-pattern-totals-tables.ts).
 * Independent of the other migrations' contents beyond 001–003's tables.
 */
import { type Kysely, type Migration, sql } from "kysely";
import type { DialectName } from "../database.js";
import {
  createFleetPatternHits,
  createFleetPatternHitsTriggers,
  FLEET_PATTERN_HITS,
  fillFleetPatternHits,
} from "./fleet-pattern-hits-table.js";
import {
  createFleetPatternTotals,
  createFleetPatternTotalsTriggers,
  fillFleetPatternTotals,
} from "./fleet-pattern-totals-tables.js";
import { createFleetSamples, fillFleetSamples } from "./fleet-samples-table.js";
import { createFleetUsernames, fillFleetUsernames } from "./fleet-usernames-table.js";

export function fleetAggregatesMigration(dialect: DialectName): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await createFleetSamples(db, dialect);
      await createFleetUsernames(db, dialect);
      // Filled in bulk before any trigger exists, then kept by them.
      await createFleetPatternHits(db, dialect);
      await createFleetPatternTotals(db);
      for (const statement of [...fillFleetPatternHits(), ...fillFleetPatternTotals()]) {
        await sql.raw(statement).execute(db);
      }
      await createFleetPatternTotalsTriggers(db, dialect);
      await createFleetPatternHitsTriggers(db, dialect);
      if (dialect === "postgres") await sql`analyze ${sql.table(FLEET_PATTERN_HITS)}`.execute(db);
    },
  };
}

/**
 * Rebuilds every aggregate from the base tables: for bulk loads that wrote with the triggers off. On
 * PostgreSQL the hits' own triggers are switched off meanwhile (the totals are rebuilt in one pass);
 * SQLite loaders drop every trigger for the load and call this before re-creating them.
 */
export function fillFleetAggregates(dialect: DialectName): string[] {
  const hits = [...fillFleetPatternHits(), ...fillFleetPatternTotals()];
  return [
    ...fillFleetSamples(dialect),
    ...fillFleetUsernames(),
    ...(dialect === "postgres"
      ? [
          `alter table ${FLEET_PATTERN_HITS} disable trigger user`,
          ...hits,
          `alter table ${FLEET_PATTERN_HITS} enable trigger user`,
        ]
      : hits),
  ];
}
