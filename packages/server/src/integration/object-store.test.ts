/**
 * Ingestion end to end, on every database: a real HTTP object store on 127.0.0.1 answers each way a
 * download can go, a manifest names its objects, the real pipeline (worker-thread parser, real store)
 * runs until the queue settles, and then the store and the API must say exactly what the core's
 * analyzeLog says of the same bytes.
 *
 * Retry policy under test (explicit here, the pipeline's defaults are larger): a request whose headers
 * take longer than FETCH.timeoutMs, a 5xx and a body cut short are retryable; each log gets MAX_ATTEMPTS
 * tries with a jittered backoff below FETCH.retryCapMs, then stays `unavailable` with the last reason.
 * 404 and 403 are `missing` at once (no retry); an empty body or an HTML page is `invalid`.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeLog, type LogAnalysis } from "@loupe/core";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApi } from "../api/app.js";
import { createParsePool, type ParsePool } from "../ingest/index.js";
import { type BuiltWorker, buildParseWorker } from "../ingest/test-support/build-worker.js";
import { manifestRows } from "../manifest-rows.js";
import {
  type ExpectedLog,
  expectApiConnection,
  expectStoredAnalysis,
} from "../test-support/expect-ingested.js";
import { analyzeGeneratedLog } from "../test-support/generated-log.js";
import { type IngestRun, importAndIngest } from "../test-support/ingest-run.js";
import {
  type MisbehavingObjectStore,
  REAL_CLIENT_LOG,
  REAL_SERVER_LOG,
  SIGN_IN_PAGE,
  startMisbehavingObjectStore,
} from "../test-support/misbehaving-object-store.js";
import { storeFactories, type TestDatabase } from "../test-support/store-factories.js";

const MIB = 1024 * 1024;
const FETCH = { timeoutMs: 1500, maxBytes: 512 * MIB, retryBaseMs: 50, retryCapMs: 200 };
const MAX_ATTEMPTS = 3;
/** Headers of the slow objects come well after the timeout. */
const SLOW_MS = 3500;
/** ~1 MiB each: /big.txt is ~210 MiB. */
const BIG_PIECES = 200;

const gaveUp = (reason: string) => new RegExp(`${reason}.*\\(gave up after ${MAX_ATTEMPTS} attempts\\)$`);

/** Connection id → the objects of its two logs (null: no URL) and what must become of each. */
const CONNECTIONS: Record<number, Record<"client" | "server", [string | null, () => ExpectedLog]>> = {
  101: {
    client: ["client.txt", () => ok(REAL_CLIENT_LOG)],
    server: ["server.txt", () => ok(REAL_SERVER_LOG)],
  },
  102: {
    client: ["missing.txt", () => ({ status: "missing", lastError: /^HTTP 404$/ })],
    server: ["forbidden.txt", () => ({ status: "missing", lastError: /^HTTP 403$/ })],
  },
  103: {
    client: ["flaky.txt", () => ok(REAL_CLIENT_LOG)],
    server: ["slow-once.txt", () => ok(REAL_SERVER_LOG)],
  },
  104: {
    client: [
      "slow-always.txt",
      () => ({ status: "unavailable", lastError: gaveUp(`no response within ${FETCH.timeoutMs} ms`) }),
    ],
    server: ["cut.txt", () => ({ status: "unavailable", lastError: gaveUp("body cut short") })],
  },
  105: {
    client: ["big.txt", () => ({ status: "ok", analysis: bigAnalysis() })],
    server: ["empty.txt", () => ({ status: "invalid", analysis: analyzeLog(new Uint8Array(0)) })],
  },
  106: {
    client: ["sign-in.html", () => ({ status: "invalid", analysis: analyzeLog(SIGN_IN_PAGE) })],
    server: [null, () => ({ status: "not_recorded" })],
  },
};

/** Requests each object must have received: once, or once per attempt for those retried. */
const EXPECTED_HITS = {
  "/client.txt": 1,
  "/server.txt": 1,
  "/missing.txt": 1,
  "/forbidden.txt": 1,
  "/flaky.txt": 2,
  "/slow-once.txt": 2,
  "/slow-always.txt": MAX_ATTEMPTS,
  "/cut.txt": MAX_ATTEMPTS,
  "/big.txt": 1,
  "/empty.txt": 1,
  "/sign-in.html": 1,
};

function ok(bytes: Uint8Array): ExpectedLog {
  return { status: "ok", analysis: analyzeLog(bytes) };
}

// The big log's analysis, computed once (streamed piece by piece) for all dialects.
let bigLog: LogAnalysis | undefined;
const bigAnalysis = (): LogAnalysis => {
  bigLog ??= analyzeGeneratedLog(BIG_PIECES);
  return bigLog;
};

let worker: BuiltWorker;
beforeAll(async () => {
  worker = await buildParseWorker();
});
afterAll(() => worker.remove());

describe.each(storeFactories)("object store → pipeline → $dialect → API", (factory) => {
  let db: TestDatabase;
  let objectStore: MisbehavingObjectStore;
  let pool: ParsePool;
  let app: FastifyInstance;
  let run: IngestRun;
  let manifestDir: string | undefined;

  beforeAll(async () => {
    db = await factory.create();
    objectStore = await startMisbehavingObjectStore({ slowMs: SLOW_MS, bigPieces: BIG_PIECES });
    pool = createParsePool({ size: 1, workerUrl: worker.url });
    // Start the worker thread before the RSS baseline: its fixed cost is not what is measured.
    await pool.open().finish();
    manifestDir = await mkdtemp(join(tmpdir(), "loupe-manifest-"));
    const manifestPath = join(manifestDir, "manifest.json");
    await writeFile(manifestPath, JSON.stringify(manifestOf(objectStore.server.origin)));
    const rows = await manifestRows(manifestPath, (line) => {
      throw new Error(`unexpected manifest report: ${line}`);
    });
    run = await importAndIngest(db.store, rows, {
      parsePool: pool,
      fetch: FETCH,
      concurrency: 4,
      maxAttempts: MAX_ATTEMPTS,
      deadlineMs: 90_000,
    });
    console.log(
      `[${factory.dialect}] 11 logs (${(run.counters.bytesFetched / MIB).toFixed(0)} MiB fetched) settled in ` +
        `${run.seconds.toFixed(1)} s; peak RSS growth ${run.rssGrowthMiB.toFixed(1)} MiB; ` +
        `outcomes ${JSON.stringify(run.counters.outcomes)}`,
    );
    app = await buildApi({ store: db.store });
    await app.ready();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await pool?.close();
    await objectStore?.close();
    await db?.dispose();
    if (manifestDir !== undefined) await rm(manifestDir, { recursive: true, force: true });
  });

  it("settles every log: retried as the policy says, nothing pending, no store error", async () => {
    expect(run.errors).toEqual([]);
    expect(run.status).toEqual({ total: 11, done: 9, pending: 0, failed: 2 });
    const hits = Object.fromEntries(Object.keys(EXPECTED_HITS).map((path) => [path, objectStore.hits(path)]));
    expect(hits).toEqual(EXPECTED_HITS);
    expect(run.counters.outcomes).toMatchObject({ parsed: 7, missing: 2, gaveUp: 2 });
    // flaky + slow-once once each, slow-always and cut twice each before giving up.
    expect(run.counters.outcomes.retry).toBe(2 + 2 * (MAX_ATTEMPTS - 1));
  });

  it("streams the ~210 MiB log: process RSS grows by far less than the log", () => {
    // Held whole anywhere (fetcher, worker, store), the log alone would add over 200 MiB. The first dialect
    // measures from a fresh process; later ones partly reuse memory the allocator kept, so grow less.
    expect(run.counters.bytesFetched).toBeGreaterThan(BIG_PIECES * MIB);
    expect(run.rssGrowthMiB).toBeLessThan(100);
  });

  it("stores each parsed log's series and patterns exactly as analyzeLog finds them", async () => {
    for (const [id, sides] of Object.entries(CONNECTIONS)) {
      const logs = await db.store.connectionLogs(Number(id));
      for (const side of ["client", "server"] as const) {
        const expected = sides[side][1]();
        const logId = logs?.[side];
        if (expected.status === "not_recorded") expect(logId).toBeUndefined();
        else expect(logId).toBeTypeOf("number");
        if ("analysis" in expected) await expectStoredAnalysis(db.store, logId as number, expected.analysis);
      }
    }
  });

  it("answers through the API what the core found: status, counts, levels, patterns, every point", async () => {
    for (const [id, sides] of Object.entries(CONNECTIONS)) {
      await expectApiConnection(app, Number(id), { client: sides.client[1](), server: sides.server[1]() });
    }
    const status = await app.inject({ method: "GET", url: "/api/ingest/status" });
    expect(status.json()).toEqual({ total: 11, done: 9, pending: 0, failed: 2 });
    const list = await app.inject({ method: "GET", url: "/api/connections?limit=50" });
    expect(list.json()).toMatchObject({ total: 6, nextCursor: null });
  });
});

/** The manifest as the streaming backend exports it. */
function manifestOf(origin: string) {
  return Object.entries(CONNECTIONS).map(([id, sides]) => ({
    connection_id: Number(id),
    username: `user${id}@example.com`,
    ip: "52.237.153.167",
    last_updated: `05/15/2020, 12:${id.slice(1)}`,
    version: "1A32D5BE58D317FF",
    client_logs: sides.client[0] === null ? null : `${origin}/${sides.client[0]}`,
    server_logs: sides.server[0] === null ? null : `${origin}/${sides.server[0]}`,
  }));
}
