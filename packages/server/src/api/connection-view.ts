/** Store rows → the API's connection item and detail (times as ISO strings, fields named as product.md). */
import type { PatternStats } from "@loupe/core";
import { isoTime } from "../insights/iso-time.js";
import type { ConnectionRow, LogSummary } from "../store/store.js";
import type { ConnectionDetail, ConnectionItem, LogDetail } from "./schemas/connection.js";

/** Patterns shown per log in the detail: the top of the list is what an engineer reads. */
export const DETAIL_PATTERN_LIMIT = 20;

export function toConnectionItem(row: ConnectionRow): ConnectionItem {
  return {
    ...connectionFields(row),
    client: logSummary(row.client),
    server: logSummary(row.server),
  };
}

export interface LogExtras {
  readonly logId: number | null;
  readonly patterns: readonly PatternStats[];
}

export function toConnectionDetail(
  row: ConnectionRow,
  extras: { readonly client: LogExtras; readonly server: LogExtras },
): ConnectionDetail {
  return {
    ...connectionFields(row),
    client: logDetail(row.client, extras.client),
    server: logDetail(row.server, extras.server),
  };
}

function connectionFields(row: ConnectionRow) {
  return {
    connectionId: row.connectionId,
    username: row.username,
    ip: row.ip,
    version: row.version,
    lastUpdated: isoTime(row.lastUpdated),
    bookmarked: row.bookmarked,
    medianLatency: finiteOrNull(row.medianLatency),
    durationSeconds: finiteOrNull(row.durationSeconds),
  };
}

function logSummary(log: LogSummary): ConnectionItem["client"] {
  return {
    status: log.status,
    entries: log.entries,
    levels: log.levels === null ? null : { ...log.levels },
    errors: log.errors,
    warnings: log.warnings,
    errorPct: finiteOrNull(log.errorPct),
    warningPct: finiteOrNull(log.warningPct),
  };
}

function logDetail(log: LogSummary, extras: LogExtras): LogDetail {
  return {
    ...logSummary(log),
    logId: extras.logId,
    url: log.url,
    lastError: log.lastError,
    patterns: topPatterns(extras.patterns).map((pattern) => ({
      id: pattern.id,
      level: pattern.level,
      template: pattern.template,
      example: pattern.example,
      count: pattern.count,
      firstTime: finiteOrNull(pattern.firstTime),
      lastTime: finiteOrNull(pattern.lastTime),
    })),
  };
}

function topPatterns(patterns: readonly PatternStats[]): readonly PatternStats[] {
  return [...patterns].sort((a, b) => b.count - a.count).slice(0, DETAIL_PATTERN_LIMIT);
}

/** JSON has no NaN or Infinity, and the serializer throws on NaN: an odd value shows as unknown instead. */
function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
