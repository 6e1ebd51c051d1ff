/** The Store and InsightsStore contracts over one Kysely instance; each method delegates to its module. */
import type { AnyMetricName, PatternStats } from "@loupe/core";
import type {
  ApiScope,
  ApiTokenRecord,
  AuthStore,
  ClaimedLog,
  ConnectionInput,
  ConnectionPage,
  ConnectionQuery,
  ConnectionRow,
  FleetErrorLatency,
  FleetLogSample,
  FleetPattern,
  FleetVersionGroup,
  ImportResult,
  IngestOutcome,
  IngestStatus,
  InsightsStore,
  SeriesColumns,
  SessionRecord,
  Store,
} from "../store.js";
import { DEFAULT_USER_ID } from "../store.js";
import * as auth from "./auth.js";
import { setBookmark } from "./bookmarks.js";
import { completeLog } from "./complete-log.js";
import { connectionLogs, getConnection } from "./connection-lookup.js";
import { CountCache } from "./count-cache.js";
import { bumpGeneration, generationReader } from "./data-generation.js";
import type { StoreContext } from "./database.js";
import { fleetErrorLatency } from "./fleet-error-latency.js";
import { connectionsWithPattern, fleetPatterns } from "./fleet-patterns.js";
import { fleetSamples } from "./fleet-samples.js";
import { fleetUsers } from "./fleet-users.js";
import { fleetVersionGroups } from "./fleet-version-groups.js";
import { importConnections } from "./import-connections.js";
import { listConnections } from "./list-connections.js";
import { logPatterns, logSeries } from "./log-data.js";
import { migrateToLatest, migrationsApplied } from "./migrate.js";
import * as queue from "./queue.js";

export class KyselyStore implements Store, InsightsStore, AuthStore {
  readonly #context: StoreContext;
  readonly #counts = new CountCache();
  readonly #generation: () => Promise<string>;

  constructor(context: StoreContext) {
    this.#context = context;
    this.#generation = generationReader(context);
  }

  /** Bumps the data generation once `write` has committed (data-generation.ts). */
  async #changed<T>(write: Promise<T>): Promise<T> {
    const result = await write;
    await bumpGeneration(this.#context);
    return result;
  }

  /** Which database answers (tests and diagnostics). */
  get dialect(): StoreContext["dialect"] {
    return this.#context.dialect;
  }

  migrate(): Promise<void> {
    return migrateToLatest(this.#context);
  }

  close(): Promise<void> {
    return this.#context.release();
  }

  ready(): Promise<boolean> {
    return migrationsApplied(this.#context);
  }

  importConnections(rows: readonly ConnectionInput[], now: number = Date.now()): Promise<ImportResult> {
    return this.#changed(importConnections(this.#context, rows, now));
  }

  dataGeneration(): Promise<string> {
    return this.#generation();
  }

  async listConnections(query: ConnectionQuery): Promise<ConnectionPage> {
    const generation = await this.#generation();
    return listConnections(this.#context, query, { generation, counts: this.#counts });
  }

  getConnection(connectionId: number, userId: string = DEFAULT_USER_ID): Promise<ConnectionRow | undefined> {
    return getConnection(this.#context, connectionId, userId);
  }

  connectionLogs(connectionId: number): Promise<{ client?: number; server?: number } | undefined> {
    return connectionLogs(this.#context, connectionId);
  }

  claimLogs(workerId: string, limit: number, leaseMs: number, now: number): Promise<ClaimedLog[]> {
    // No bump: a lease changes nothing a reader sees (the log stays `pending` until completed).
    return queue.claimLogs(this.#context, workerId, limit, leaseMs, now);
  }

  renewLease(logId: number, leaseToken: string, leaseMs: number, now: number): Promise<boolean> {
    return queue.renewLease(this.#context, logId, leaseToken, leaseMs, now);
  }

  prioritize(logId: number, now: number): Promise<void> {
    return queue.prioritize(this.#context, logId, now);
  }

  completeLog(logId: number, leaseToken: string, outcome: IngestOutcome, now: number): Promise<boolean> {
    return this.#changed(completeLog(this.#context, logId, leaseToken, outcome, now));
  }

  requeueOutdated(parserVersion: number): Promise<number> {
    return this.#changed(queue.requeueOutdated(this.#context, parserVersion));
  }

  requeue(logId: number, now: number): Promise<void> {
    return this.#changed(queue.requeue(this.#context, logId, now));
  }

  ingestStatus(): Promise<IngestStatus> {
    return queue.ingestStatus(this.#context);
  }

  logSeries(logId: number): Promise<Partial<Record<AnyMetricName, SeriesColumns>>> {
    return logSeries(this.#context, logId);
  }

  logPatterns(logId: number): Promise<readonly PatternStats[]> {
    return logPatterns(this.#context, logId);
  }

  setBookmark(connectionId: number, userId: string, on: boolean): Promise<boolean> {
    return this.#changed(setBookmark(this.#context, connectionId, userId, on, Date.now()));
  }

  fleetSamples(): Promise<readonly FleetLogSample[]> {
    return fleetSamples(this.#context);
  }

  fleetVersionGroups(): Promise<readonly FleetVersionGroup[]> {
    return fleetVersionGroups(this.#context);
  }

  fleetErrorLatency(maxPoints: number): Promise<FleetErrorLatency> {
    return fleetErrorLatency(this.#context, maxPoints);
  }

  fleetUsers(): Promise<number> {
    return fleetUsers(this.#context);
  }

  fleetPatterns(limit: number): Promise<readonly FleetPattern[]> {
    return fleetPatterns(this.#context, limit);
  }

  connectionsWithPattern(patternId: string, limit: number): Promise<readonly number[]> {
    return connectionsWithPattern(this.#context, patternId, limit);
  }

  // No data-generation bump for tokens and sessions: nothing a cached read returns depends on them.
  createApiToken(token: {
    readonly name: string;
    readonly tokenHash: string;
    readonly scopes: readonly ApiScope[];
    readonly now: number;
  }): Promise<ApiTokenRecord> {
    return auth.createApiToken(this.#context, token);
  }

  listApiTokens(): Promise<readonly ApiTokenRecord[]> {
    return auth.listApiTokens(this.#context);
  }

  findApiToken(tokenHash: string): Promise<ApiTokenRecord | undefined> {
    return auth.findApiToken(this.#context, tokenHash);
  }

  revokeApiToken(
    id: number,
    now: number,
  ): Promise<{ record: ApiTokenRecord; revokedNow: boolean } | undefined> {
    return auth.revokeApiToken(this.#context, id, now);
  }

  markApiTokenUsed(id: number, now: number): Promise<void> {
    return auth.markApiTokenUsed(this.#context, id, now);
  }

  createSession(idHash: string, session: SessionRecord): Promise<void> {
    return auth.createSession(this.#context, idHash, session);
  }

  findSession(idHash: string, now: number): Promise<SessionRecord | undefined> {
    return auth.findSession(this.#context, idHash, now);
  }

  deleteSession(idHash: string): Promise<void> {
    return auth.deleteSession(this.#context, idHash);
  }
}
