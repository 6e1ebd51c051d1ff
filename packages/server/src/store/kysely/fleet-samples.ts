/** fleetSamples: every ingested (`ok`) log with its connection and its stored statistics. */
import { ALL_METRIC_NAMES, type SeriesStats } from "@loupe/core";
import type { FleetLogSample, LogSide } from "../store.js";
import type { StoreContext } from "./database.js";

export async function fleetSamples(context: StoreContext): Promise<readonly FleetLogSample[]> {
  // One query per side rather than a join on "client or server": a connection whose two URLs are the same
  // log then yields a sample for each side, as it should.
  const [client, server] = await Promise.all([samplesOf(context, "client"), samplesOf(context, "server")]);
  return [...client, ...server].sort(
    (a, b) =>
      b.lastUpdated - a.lastUpdated || a.connectionId - b.connectionId || a.side.localeCompare(b.side),
  );
}

async function samplesOf({ db }: StoreContext, side: LogSide): Promise<FleetLogSample[]> {
  const rows = await db
    .selectFrom("connections as c")
    .innerJoin("logs as l", "l.id", side === "client" ? "c.client_log_id" : "c.server_log_id")
    .select([
      "c.connection_id",
      "c.username",
      "c.version",
      "c.last_updated",
      "l.entries",
      "l.errors",
      "l.warnings",
      "l.stats",
    ])
    .where("l.status", "=", "ok")
    .execute();
  return rows.map((row) => ({
    connectionId: row.connection_id,
    username: row.username,
    version: row.version,
    lastUpdated: row.last_updated,
    side,
    entries: row.entries ?? 0,
    errors: row.errors ?? 0,
    warnings: row.warnings ?? 0,
    stats: headlineStats(row.stats),
  }));
}

function headlineStats(json: string | null): FleetLogSample["stats"] {
  if (json === null) return {};
  const stored = JSON.parse(json) as Partial<Record<string, SeriesStats | null>>;
  const result: Record<string, { count: number; median: number; p95: number; mean: number }> = {};
  for (const metric of ALL_METRIC_NAMES) {
    const stats = stored[metric];
    if (stats != null) {
      result[metric] = { count: stats.count, median: stats.median, p95: stats.p95, mean: stats.mean };
    }
  }
  return result;
}
