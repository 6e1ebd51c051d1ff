/**
 * completeLog: writes one fetch's outcome, all of it or nothing, and only while the caller still holds the
 * lease (same token, log still pending). A worker whose lease expired, or whose log was re-queued, finds
 * its token gone and writes nothing.
 */
import type { LogAnalysis } from "@loupe/core";
import type { Updateable } from "kysely";
import type { IngestOutcome } from "../store.js";
import type { LogsTable, StoreContext } from "./database.js";
import { replacePatterns, replaceSeries } from "./log-data.js";
import { lockPatternTotals } from "./pattern-totals-lock.js";

const RELEASED_LEASE = { lease_owner: null, lease_token: null, lease_expires_at: null } as const;

export async function completeLog(
  { db, dialect }: StoreContext,
  logId: number,
  leaseToken: string,
  outcome: IngestOutcome,
  now: number,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    // The lease first (locking the row on PostgreSQL; SQLite's write transaction is exclusive anyway).
    let held = trx
      .selectFrom("logs")
      .select("id")
      .where("id", "=", logId)
      .where("lease_token", "=", leaseToken)
      .where("status", "=", "pending");
    if (dialect === "postgres") held = held.forUpdate();
    if ((await held.executeTakeFirst()) === undefined) return false;
    if (outcome.kind === "parsed") {
      await replaceSeries(trx, logId, outcome.analysis);
      // Before the log's row is updated: its triggers lock the log's connections (pattern-totals-lock.ts).
      await lockPatternTotals(trx, dialect);
      await replacePatterns(trx, logId, outcome.analysis.patterns);
    }
    await trx.updateTable("logs").set(outcomeColumns(outcome, now)).where("id", "=", logId).execute();
    return true;
  });
}

/**
 * The log row after an outcome. Only a parse replaces the stored analysis: a refetch that fails (missing,
 * unavailable) changes the status but does not erase what an earlier fetch found.
 */
function outcomeColumns(outcome: IngestOutcome, now: number): Updateable<LogsTable> {
  switch (outcome.kind) {
    case "parsed":
      return {
        ...RELEASED_LEASE,
        ...analysisColumns(outcome.analysis),
        // product.md: a log with no entry at all (empty, or no line parses) is not a log file.
        status: outcome.analysis.entries === 0 ? "invalid" : "ok",
        etag: outcome.etag,
        last_modified: outcome.lastModified,
        bytes: outcome.bytes,
        parser_version: outcome.parserVersion,
        last_error: null,
        http_status: null,
        ingested_at: now,
      };
    case "missing":
      return {
        ...RELEASED_LEASE,
        status: "missing",
        http_status: outcome.httpStatus,
        last_error: `HTTP ${outcome.httpStatus}`,
      };
    case "unavailable":
      return outcome.retryAt === null
        ? { ...RELEASED_LEASE, status: "unavailable", last_error: outcome.error }
        : {
            ...RELEASED_LEASE,
            status: "pending",
            next_attempt_at: outcome.retryAt,
            last_error: outcome.error,
          };
  }
}

function analysisColumns(analysis: LogAnalysis): Updateable<LogsTable> {
  return {
    entries: analysis.entries,
    levels: JSON.stringify(analysis.levels),
    errors: analysis.errors,
    warnings: analysis.warnings,
    continuation_lines: analysis.continuationLines,
    unparsed_lines: analysis.unparsedLines,
    invalid_values: analysis.invalidValues,
    first_time: analysis.firstTime,
    last_time: analysis.lastTime,
    duration_seconds: analysis.durationSeconds,
    stats: JSON.stringify(analysis.stats),
    median_latency: analysis.stats.latency?.median ?? null,
  };
}
