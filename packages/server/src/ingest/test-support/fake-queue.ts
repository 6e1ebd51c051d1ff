/**
 * An in-memory stand-in for the store's queue methods (claimLogs, completeLog, prioritize), with the
 * semantics of the real one (store/kysely/queue.ts): due = pending, next attempt not in the future, no live
 * lease; claiming counts an attempt and stamps a fresh token; only that token completes. For unit tests of
 * the pipeline's loop; the database-backed behaviour has its own tests.
 */
import { randomUUID } from "node:crypto";
import type { ClaimedLog, IngestOutcome } from "../../store/store.js";
import type { IngestQueue } from "../pipeline.js";

export interface FakeLog {
  readonly logId: number;
  readonly url: string;
  status: "pending" | "done";
  attempts: number;
  priority: number;
  nextAttemptAt: number;
  leaseToken: string | null;
  leaseExpiresAt: number | null;
  /** Every outcome written, in order. */
  readonly outcomes: IngestOutcome[];
}

export class FakeQueue implements IngestQueue {
  readonly logs = new Map<number, FakeLog>();
  /** Log ids in the order they were claimed. */
  readonly claimOrder: number[] = [];
  /** Make the next claimLogs calls throw this many times. */
  failClaims = 0;
  private nextId = 1;

  add(url: string): number {
    const logId = this.nextId++;
    this.logs.set(logId, {
      logId,
      url,
      status: "pending",
      attempts: 0,
      priority: 0,
      nextAttemptAt: 0,
      leaseToken: null,
      leaseExpiresAt: null,
      outcomes: [],
    });
    return logId;
  }

  log(logId: number): FakeLog {
    const log = this.logs.get(logId);
    if (log === undefined) throw new Error(`no log ${logId}`);
    return log;
  }

  pending(): FakeLog[] {
    return [...this.logs.values()].filter((log) => log.status === "pending");
  }

  async claimLogs(_workerId: string, limit: number, leaseMs: number, now: number): Promise<ClaimedLog[]> {
    if (this.failClaims > 0) {
      this.failClaims--;
      throw new Error("database is locked");
    }
    const due = [...this.logs.values()]
      .filter(
        (l) =>
          l.status === "pending" &&
          l.nextAttemptAt <= now &&
          !(l.leaseExpiresAt !== null && l.leaseExpiresAt >= now),
      )
      .sort((a, b) => b.priority - a.priority || a.nextAttemptAt - b.nextAttemptAt || a.logId - b.logId)
      .slice(0, limit);
    return due.map((log) => {
      log.attempts++;
      log.leaseToken = randomUUID();
      log.leaseExpiresAt = now + leaseMs;
      this.claimOrder.push(log.logId);
      return {
        logId: log.logId,
        url: log.url,
        attempts: log.attempts,
        etag: null,
        lastModified: null,
        leaseToken: log.leaseToken,
        leaseExpiresAt: log.leaseExpiresAt,
      };
    });
  }

  async completeLog(
    logId: number,
    leaseToken: string,
    outcome: IngestOutcome,
    _now: number,
  ): Promise<boolean> {
    const log = this.log(logId);
    if (log.leaseToken !== leaseToken || log.status !== "pending") return false;
    log.outcomes.push(outcome);
    log.leaseToken = null;
    log.leaseExpiresAt = null;
    if (outcome.kind === "unavailable" && outcome.retryAt !== null) log.nextAttemptAt = outcome.retryAt;
    else log.status = "done";
    return true;
  }

  async prioritize(logId: number, now: number): Promise<void> {
    const log = this.log(logId);
    if (log.status !== "pending") return;
    log.priority = 10;
    log.nextAttemptAt = Math.min(log.nextAttemptAt, now);
  }

  /** Takes a log's lease away, as if it had expired and another worker had claimed it. */
  steal(logId: number): void {
    this.log(logId).leaseToken = "someone else";
  }
}
