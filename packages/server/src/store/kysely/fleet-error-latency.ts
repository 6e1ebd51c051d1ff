/**
 * fleetErrorLatency: per connection whose client log has latency, x = the errors of both its ingested
 * logs and y = that median latency (fleet_samples, migration 005). Both columns come whole, packed in
 * connection-id order (the coefficients are computed from every point, in the order they always were);
 * the points themselves only for a sample of at most `maxPoints`: a scatter of 100,000 dots is no
 * better a picture than one of a few thousand, and was megabytes of JSON.
 *
 * The sample is a fixed spread over connection ids: the `maxPoints` smallest
 * ((id mod 1,000,003) · 7,919) mod 1,000,003 (a permutation of residues mod a prime; ties by id), the
 * same on both databases with no overflow for any 64-bit id. A connection in the sample stays in it while
 * the fleet grows until others displace it, so the picture does not reshuffle on every ingested log.
 */
import { sql } from "kysely";
import type { ErrorLatencyPoint, FleetErrorLatency } from "../store.js";
import type { StoreContext } from "./database.js";
import { packedDoubles, unpackDoubles } from "./packed-values.js";

/** The sample's order (SQL over `connection_id`); the property test restates it. */
export const SPREAD_MODULUS = 1_000_003;
export const SPREAD_MULTIPLIER = 7_919;

/** x: a side whose log is not ok has null errors. */
const errors = sql`coalesce(client_errors, 0) + coalesce(server_errors, 0)`;

interface ColumnsRow {
  readonly errors: Uint8Array | null;
  readonly latencies: Uint8Array | null;
}

interface PointRow {
  readonly connection_id: number;
  readonly username: string | null;
  readonly version: string | null;
  readonly errors: number;
  readonly latency: number;
}

export async function fleetErrorLatency(
  { db, dialect }: StoreContext,
  maxPoints: number,
): Promise<FleetErrorLatency> {
  const byId = sql`connection_id`;
  const columns = await sql<ColumnsRow>`
    select ${packedDoubles(dialect, errors, byId)} as errors,
           ${packedDoubles(dialect, sql`latency`, byId)} as latencies
    from fleet_samples where latency is not null`.execute(db);
  // The sample's rows first, then their usernames: a join for a few thousand rows, not for every point.
  const sample =
    maxPoints < 1
      ? []
      : (
          await sql<PointRow>`
            select s.connection_id, k.username, s.version, s.errors, s.latency
            from (
              select connection_id, version, ${errors} as errors, latency from fleet_samples
              where latency is not null
              order by ((connection_id % ${SPREAD_MODULUS}) * ${SPREAD_MULTIPLIER}) % ${SPREAD_MODULUS},
                       connection_id
              limit ${maxPoints}
            ) s join connections k on k.connection_id = s.connection_id
            order by s.connection_id`.execute(db)
        ).rows;
  const row = columns.rows[0];
  return {
    errors: unpackDoubles(row?.errors ?? null),
    latencies: unpackDoubles(row?.latencies ?? null),
    points: sample.map(
      (point): ErrorLatencyPoint => ({
        connectionId: Number(point.connection_id),
        username: point.username,
        version: point.version,
        errors: Number(point.errors),
        medianLatency: point.latency,
      }),
    ),
  };
}
