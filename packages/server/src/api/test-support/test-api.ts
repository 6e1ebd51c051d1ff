/**
 * The API on the real store (SQLite in a temp directory; PostgreSQL when LOUPE_API_TEST_DIALECT=postgres
 * and LOUPE_TEST_DATABASE_URL names a server, e.g. under the store tests' global setup), plus a way to build a small fleet by hand:
 * import connections, then complete their logs through claimLogs/completeLog with `analyzeLog` of log
 * text, as the ingest pipeline would.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeLog } from "@loupe/core";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import type { AuthSettings } from "../../auth/settings.js";
import { createStore } from "../../store/kysely/create-store.js";
import type { AuthStore, ConnectionInput, IngestOutcome, InsightsStore, Store } from "../../store/store.js";
import { buildApi } from "../app.js";
import type { ApiDeps, IngestControl } from "../deps.js";

export type TestStore = Store & InsightsStore & AuthStore;

/** An IngestControl that only records what it was asked. */
export interface RecordingIngest extends IngestControl {
  readonly prioritized: number[];
  readonly requeued: number[];
}

export function recordingIngest(): RecordingIngest {
  const prioritized: number[] = [];
  const requeued: number[] = [];
  return {
    prioritized,
    requeued,
    async prioritize(logId) {
      prioritized.push(logId);
    },
    async requeue(logId) {
      requeued.push(logId);
    },
    counters: () => ({ fetched: 3, parsed: 2 }),
  };
}

/** Auth on, without a sign-in provider: API tokens (and sessions a test stores itself) get in. */
export const TOKENS_ONLY_AUTH: AuthSettings = {
  sessionSecret: "a test session secret of at least 32 bytes",
  publicUrl: "http://127.0.0.1:8080",
};

export interface TestApi {
  readonly app: FastifyInstance;
  readonly store: TestStore;
  readonly ingest: RecordingIngest;
  close(): Promise<void>;
}

export async function openTestApi(options: Omit<ApiDeps, "store" | "ingest"> = {}): Promise<TestApi> {
  const { store, dispose } = await openTestStore();
  const ingest = recordingIngest();
  const app = await buildApi({ ...options, store, ingest });
  await app.ready();
  return {
    app,
    store,
    ingest,
    async close() {
      await app.close();
      await dispose();
    },
  };
}

/** A fresh, migrated, empty store, and how to close and delete it. */
async function openTestStore(): Promise<{ store: TestStore; dispose: () => Promise<void> }> {
  const postgresUrl = process.env.LOUPE_TEST_DATABASE_URL;
  if (process.env.LOUPE_API_TEST_DIALECT === "postgres" && postgresUrl !== undefined && postgresUrl !== "") {
    return openPostgresStore(postgresUrl);
  }
  const directory = await mkdtemp(join(tmpdir(), "loupe-api-"));
  const store = await createStore({ sqlitePath: join(directory, "loupe.sqlite") });
  await store.migrate();
  return {
    store,
    async dispose() {
      await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/** A new database on the server `adminUrl` names (its user needs CREATEDB), dropped by dispose(). */
async function openPostgresStore(
  adminUrl: string,
): Promise<{ store: TestStore; dispose: () => Promise<void> }> {
  const name = `loupe_api_test_${randomBytes(8).toString("hex")}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await createStore({ databaseUrl: url.toString() });
  await store.migrate();
  return {
    store,
    async dispose() {
      await store.close();
      await adminQuery(adminUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** 2020-06-30T21:02:00Z. */
export const BASE_TIME = Date.UTC(2020, 5, 30, 21, 2);

/** What a test says about one log: its text, or a fetch outcome, or `pending` (left in the queue). */
export type LogSpec = string | "pending" | { readonly missing: number } | { readonly unavailable: string };

export interface FleetConnection {
  readonly connectionId: number;
  readonly username?: string | null;
  readonly version?: string | null;
  readonly ip?: string;
  /** Minutes after BASE_TIME; default: the connection id. */
  readonly minute?: number;
  /** undefined: not recorded (no URL). */
  readonly client?: LogSpec;
  readonly server?: LogSpec;
}

export function urlOf(connectionId: number, side: "client" | "server"): string {
  return `https://logs.test/${side}-${connectionId}.txt`;
}

/** Imports the connections and completes every log whose spec is not `pending`. */
export async function buildFleet(store: TestStore, fleet: readonly FleetConnection[]): Promise<void> {
  const rows: ConnectionInput[] = fleet.map((c) => ({
    connectionId: c.connectionId,
    username: c.username === undefined ? `user${c.connectionId}@example.com` : c.username,
    ip: c.ip ?? "52.237.153.167",
    version: c.version === undefined ? "1A32D5BE58D317FF" : c.version,
    lastUpdated: BASE_TIME + (c.minute ?? c.connectionId) * 60_000,
    clientUrl: c.client === undefined ? null : urlOf(c.connectionId, "client"),
    serverUrl: c.server === undefined ? null : urlOf(c.connectionId, "server"),
  }));
  await store.importConnections(rows);
  const outcomes = new Map<string, IngestOutcome>();
  for (const c of fleet) {
    for (const side of ["client", "server"] as const) {
      const outcome = outcomeOf(c[side]);
      if (outcome !== undefined) outcomes.set(urlOf(c.connectionId, side), outcome);
    }
  }
  const now = Date.now();
  const claimed = await store.claimLogs("api-test", 100_000, 60_000, now);
  for (const log of claimed) {
    const outcome = outcomes.get(log.url);
    if (outcome !== undefined) await store.completeLog(log.logId, log.leaseToken, outcome, now);
  }
}

function outcomeOf(spec: LogSpec | undefined): IngestOutcome | undefined {
  if (spec === undefined || spec === "pending") return undefined;
  if (typeof spec === "string") {
    const analysis = analyzeLog(new TextEncoder().encode(spec));
    return {
      kind: "parsed",
      analysis,
      bytes: analysis.bytes,
      etag: null,
      lastModified: null,
      parserVersion: 1,
    };
  }
  if ("missing" in spec) return { kind: "missing", httpStatus: spec.missing };
  return { kind: "unavailable", error: spec.unavailable, retryAt: null };
}

/**
 * The store with some methods replaced (failures, counters). A Proxy rather than a subclass or
 * Object.create: the real store keeps its state in private fields, which only the real `this` can read.
 */
export function storeWith(store: TestStore, overrides: Partial<TestStore>): TestStore {
  return new Proxy(store, {
    get(target, property) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof TestStore];
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
