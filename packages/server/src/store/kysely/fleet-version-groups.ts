/**
 * fleetVersionGroups: the ingested samples (fleet_samples, migration 005: one row per connection, both
 * sides on it) aggregated per version in one SQL pass, each metric's per-log medians packed
 * (packed-values.ts) and sorted here: a few rows per version, whatever the size of the fleet.
 */
import { METRIC_NAMES, type MetricName } from "@loupe/core";
import { sql } from "kysely";
import type { FleetVersionGroup } from "../store.js";
import type { StoreContext } from "./database.js";
import { packedDoubles, unpackDoubles } from "./packed-values.js";

interface GroupRow {
  readonly version: string | null;
  readonly first_seen: number;
  readonly last_seen: number;
  readonly connections: number;
  readonly logs: number;
  readonly entries: number;
  readonly errors: number;
  readonly latency: Uint8Array | null;
  readonly decode_time: Uint8Array | null;
  readonly encode_time: Uint8Array | null;
  readonly encode_size: Uint8Array | null;
}

export async function fleetVersionGroups({
  db,
  dialect,
}: StoreContext): Promise<readonly FleetVersionGroup[]> {
  // Unordered packing: sorting in JavaScript (a typed array's numeric sort) is cheaper than in SQL.
  const packed = METRIC_NAMES.map(
    (metric) => sql`${packedDoubles(dialect, sql.ref(metric))} as ${sql.ref(metric)}`,
  );
  const { rows } = await sql<GroupRow>`
    select version, min(last_updated) as first_seen, max(last_updated) as last_seen,
      count(*) as connections,
      count(client_entries) + count(server_entries) as logs,
      coalesce(sum(client_entries), 0) + coalesce(sum(server_entries), 0) as entries,
      coalesce(sum(client_errors), 0) + coalesce(sum(server_errors), 0) as errors,
      ${sql.join(packed)}
    from fleet_samples group by version`.execute(db);
  return rows.map((row) => {
    const medians = {} as Record<MetricName, Float64Array>;
    for (const metric of METRIC_NAMES) medians[metric] = unpackDoubles(row[metric]).sort();
    return {
      version: row.version,
      firstSeen: Number(row.first_seen),
      lastSeen: Number(row.last_seen),
      connections: Number(row.connections),
      logs: Number(row.logs),
      entries: Number(row.entries),
      errors: Number(row.errors),
      medians,
    };
  });
}
