/** A log's series and error patterns: replaced as a whole on every parse, read back for the detail view. */
import { ALL_METRIC_NAMES, type AnyMetricName, type LogAnalysis, type PatternStats } from "@loupe/core";
import type { Kysely } from "kysely";
import type { SeriesColumns } from "../store.js";
import { chunks } from "./chunks.js";
import type { Database, StoreContext } from "./database.js";
import { decodeSeries, encodeSeries } from "./series-codec.js";

export async function replaceSeries(
  trx: Kysely<Database>,
  logId: number,
  analysis: LogAnalysis,
): Promise<void> {
  await trx.deleteFrom("log_series").where("log_id", "=", logId).execute();
  // Empty series are not stored: "no row" already says "no points".
  const rows = ALL_METRIC_NAMES.flatMap((metric) => {
    const series = analysis.series[metric];
    if (series === undefined || series.t.length === 0) return [];
    const bytes = encodeSeries(series);
    // A Buffer view (no copy): better-sqlite3 binds only Buffers as BLOBs.
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return [{ log_id: logId, metric, point_count: series.t.length, data }];
  });
  // One row per statement: a long log's blob is megabytes, and there are at most six.
  for (const row of rows) {
    await trx.insertInto("log_series").values(row).execute();
  }
}

export async function replacePatterns(
  trx: Kysely<Database>,
  logId: number,
  patterns: readonly PatternStats[],
): Promise<void> {
  await trx.deleteFrom("log_patterns").where("log_id", "=", logId).execute();
  for (const batch of chunks(patterns)) {
    await trx
      .insertInto("log_patterns")
      .values(
        batch.map((pattern) => ({
          log_id: logId,
          pattern_id: pattern.id,
          level: pattern.level,
          template: pattern.template,
          example: pattern.example,
          count: pattern.count,
          first_time: pattern.firstTime,
          last_time: pattern.lastTime,
        })),
      )
      .execute();
  }
}

export async function logSeries(
  { db }: StoreContext,
  logId: number,
): Promise<Partial<Record<AnyMetricName, SeriesColumns>>> {
  const rows = await db
    .selectFrom("log_series")
    .select(["metric", "point_count", "data"])
    .where("log_id", "=", logId)
    .execute();
  const result: Partial<Record<AnyMetricName, SeriesColumns>> = {};
  for (const row of rows) {
    if (isMetricName(row.metric)) result[row.metric] = decodeSeries(row.data, row.point_count);
  }
  return result;
}

/** Most frequent first. */
export async function logPatterns({ db }: StoreContext, logId: number): Promise<readonly PatternStats[]> {
  const rows = await db
    .selectFrom("log_patterns")
    .select(["pattern_id", "level", "template", "example", "count", "first_time", "last_time"])
    .where("log_id", "=", logId)
    .orderBy("count", "desc")
    .orderBy("level")
    .orderBy("pattern_id")
    .execute();
  return rows.map((row) => ({
    id: row.pattern_id,
    level: row.level,
    template: row.template,
    example: row.example,
    count: row.count,
    firstTime: row.first_time,
    lastTime: row.last_time,
  }));
}

function isMetricName(name: string): name is AnyMetricName {
  return (ALL_METRIC_NAMES as readonly string[]).includes(name);
}
