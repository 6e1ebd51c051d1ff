/**
 * The fleet's top patterns by their definition, computed in JavaScript straight from `connections` and
 * `log_patterns` (every link, every pattern row): what fleetPatterns (read from migration 005's totals)
 * must equal in the property and concurrency tests.
 */
import type { StoreOptions } from "../store/kysely/create-store.js";
import type { FleetPattern } from "../store/store.js";
import { rawRows } from "./raw-query.js";

export interface ConnectionRow {
  readonly connection_id: number;
  readonly username_lower: string | null;
  readonly version: string | null;
  readonly last_updated: number;
  readonly client_log_id: number | null;
  readonly server_log_id: number | null;
}

export interface PatternRow {
  readonly log_id: number;
  readonly pattern_id: string;
  readonly level: string;
  readonly template: string;
  readonly example: string;
  readonly count: number;
}

const least = (a: string, b: string) => (b < a ? b : a);

/** The definition (fleet-patterns.ts before migration 005, as SQL over links; here in JavaScript). */
export function referencePatterns(
  connections: readonly ConnectionRow[],
  patterns: readonly PatternRow[],
  limit: number,
): FleetPattern[] {
  const connectionsOfLog = new Map<number, Set<number>>();
  for (const c of connections) {
    for (const logId of [c.client_log_id, c.server_log_id]) {
      if (logId === null) continue;
      const set = connectionsOfLog.get(logId) ?? new Set<number>();
      set.add(c.connection_id);
      connectionsOfLog.set(logId, set);
    }
  }
  const byId = new Map(connections.map((c) => [c.connection_id, c]));
  const totals = new Map<
    string,
    { row: PatternRow; template: string; example: string; count: number; logs: number; reach: Set<number> }
  >();
  for (const row of patterns) {
    const linked = connectionsOfLog.get(row.log_id);
    if (linked === undefined) continue;
    const key = `${row.pattern_id}\u0000${row.level}`;
    const total = totals.get(key) ?? {
      row,
      template: row.template,
      example: row.example,
      count: 0,
      logs: 0,
      reach: new Set(),
    };
    total.template = least(total.template, row.template);
    total.example = least(total.example, row.example);
    total.count += row.count;
    total.logs += 1;
    for (const id of linked) total.reach.add(id);
    totals.set(key, total);
  }
  const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...totals.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        compareText(a.row.pattern_id, b.row.pattern_id) ||
        compareText(a.row.level, b.row.level),
    )
    .slice(0, limit)
    .map((total) => {
      const reached = [...total.reach].map((id) => byId.get(id) as ConnectionRow);
      const firstSeen = Math.min(...reached.map((c) => c.last_updated));
      const earliest = reached
        .filter((c) => c.last_updated === firstSeen)
        .sort((a, b) => a.connection_id - b.connection_id)[0] as ConnectionRow;
      const versionFirst = new Map<string, number>();
      for (const c of reached) {
        if (c.version === null) continue;
        versionFirst.set(
          c.version,
          Math.min(versionFirst.get(c.version) ?? Number.POSITIVE_INFINITY, c.last_updated),
        );
      }
      return {
        patternId: total.row.pattern_id,
        level: total.row.level,
        template: total.template,
        example: total.example,
        count: total.count,
        logs: total.logs,
        connections: reached.length,
        users: new Set(reached.map((c) => c.username_lower).filter((u) => u !== null)).size,
        versions: [...versionFirst].sort((a, b) => a[1] - b[1] || compareText(a[0], b[0])).map(([v]) => v),
        firstSeen,
        lastSeen: Math.max(...reached.map((c) => c.last_updated)),
        firstVersion: earliest.version,
      };
    });
}

/** The two tables the definition reads, as numbers where pg returns bigints as strings. */
export async function readPatternSources(
  options: StoreOptions,
): Promise<{ connections: ConnectionRow[]; patterns: PatternRow[] }> {
  const integer = (v: unknown) => (v === null ? null : Number(v));
  const connections = (
    await rawRows<ConnectionRow>(
      options,
      "select connection_id, username_lower, version, last_updated, client_log_id, server_log_id from connections",
    )
  ).map((c) => ({
    ...c,
    connection_id: Number(c.connection_id),
    last_updated: Number(c.last_updated),
    client_log_id: integer(c.client_log_id),
    server_log_id: integer(c.server_log_id),
  }));
  const patterns = (
    await rawRows<PatternRow>(
      options,
      "select log_id, pattern_id, level, template, example, count from log_patterns",
    )
  ).map((p) => ({ ...p, log_id: Number(p.log_id), count: Number(p.count) }));
  return { connections, patterns };
}
