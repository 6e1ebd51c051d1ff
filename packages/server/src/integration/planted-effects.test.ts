/**
 * The demo fleet's planted effects (see @loupe/demo's PLANTED) must be found by the fleet insights API
 * after the fleet has gone through the real ingestion: the demo bucket on 127.0.0.1 → the pipeline with
 * worker-thread parsing → SQLite → buildApi. 1,200 connections are enough for every effect to be
 * significant, and few enough to ingest in about 20 s.
 */
import { generateDemoManifest, PLANTED, type RunningDemoBucket, startDemoBucket } from "@loupe/demo";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApi } from "../api/app.js";
import { createParsePool, type ParsePool } from "../ingest/index.js";
import { type BuiltWorker, buildParseWorker } from "../ingest/test-support/build-worker.js";
import { parseManifest } from "../manifest/index.js";
import { importAndIngest } from "../test-support/ingest-run.js";
import { sqliteFactory, type TestDatabase } from "../test-support/store-factories.js";

const COUNT = 1200;
const FETCH = { timeoutMs: 10_000, maxBytes: 64 * 1024 * 1024, retryBaseMs: 200, retryCapMs: 1000 };

interface VersionTest {
  readonly against: string;
  readonly pValue: number;
  readonly rankBiserial: number;
  readonly regression: boolean;
}
interface VersionItem {
  readonly version: string | null;
  readonly logs: number;
  readonly metrics: Record<string, { logs: number; median: number | null; test: VersionTest | null }>;
}
interface PatternItem {
  readonly level: string;
  readonly template: string;
  readonly firstVersion: string | null;
  readonly versions: readonly string[];
  readonly connections: number;
}

let worker: BuiltWorker;
let bucket: RunningDemoBucket;
let pool: ParsePool;
let db: TestDatabase;
let app: FastifyInstance;
/** Connections with a client log: the demo, like production, uploads few of them. */
let clientLogs = 0;

beforeAll(async () => {
  worker = await buildParseWorker();
  bucket = await startDemoBucket({ count: COUNT });
  pool = createParsePool({ workerUrl: worker.url });
  db = await sqliteFactory.create();
  const manifest = generateDemoManifest({ baseUrl: bucket.url, count: COUNT });
  clientLogs = manifest.filter((connection) => connection.client_logs !== null).length;
  const { rows, errors } = parseManifest(JSON.stringify(manifest));
  expect(errors).toEqual([]);
  const run = await importAndIngest(db.store, rows, {
    parsePool: pool,
    fetch: FETCH,
    concurrency: 8,
    maxAttempts: 3,
    deadlineMs: 100_000,
  });
  console.log(
    `[planted] ${run.status.total} logs of ${COUNT} connections (${(run.counters.bytesFetched / 1e6).toFixed(0)} MB) ` +
      `ingested in ${run.seconds.toFixed(1)} s: ${JSON.stringify(run.status)}`,
  );
  expect(run.errors).toEqual([]);
  // The demo's own misfits: a few objects missing from the bucket, none that cannot be fetched.
  expect(run.status).toMatchObject({ pending: 0, failed: 0 });
  app = await buildApi({ store: db.store });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await pool?.close();
  await db?.dispose();
  await bucket?.close();
  await worker?.remove();
});

async function get<T>(url: string): Promise<T> {
  const response = await app.inject({ method: "GET", url });
  expect(response.statusCode, url).toBe(200);
  return response.json() as T;
}

describe("the insights API finds the demo's planted effects", () => {
  it("flags the regressed version's encode time, and neither the version before nor the fix", async () => {
    const { items } = await get<{ items: VersionItem[] }>("/api/insights/versions");
    const byVersion = new Map(items.map((item) => [item.version, item]));
    const encode = (version: string) => byVersion.get(version)?.metrics.encode_time;

    const regressed = encode(PLANTED.regressedVersion);
    expect(regressed?.logs).toBeGreaterThanOrEqual(30);
    expect(regressed?.test).toMatchObject({ against: PLANTED.regressionBaselineVersion, regression: true });
    expect(regressed?.test?.pValue).toBeLessThan(1e-6);
    const ratio = (regressed?.median ?? 0) / (encode(PLANTED.regressionBaselineVersion)?.median ?? 1);
    expect(ratio).toBeGreaterThan(1.3);
    expect(ratio).toBeLessThan(1.9);

    expect(encode(PLANTED.regressionBaselineVersion)?.test?.regression).toBe(false);
    const fixed = encode(PLANTED.regressionFixedVersion);
    expect(fixed?.test).toMatchObject({ against: PLANTED.regressedVersion, regression: false });
    expect(fixed?.test?.rankBiserial).toBeLessThan(0); // faster than the regressed build
    // Versions are listed by first seen: the three in release order.
    const order = items.map((item) => item.version);
    expect(order.indexOf(PLANTED.regressionBaselineVersion)).toBe(
      order.indexOf(PLANTED.regressedVersion) - 1,
    );
    expect(order.indexOf(PLANTED.regressionFixedVersion)).toBe(order.indexOf(PLANTED.regressedVersion) + 1);
    const flagged = items
      .filter((item) => item.metrics.encode_time?.test?.regression)
      .map((item) => item.version);
    console.log(
      `[planted] encode_time regressions flagged: ${JSON.stringify(flagged)}; ` +
        `p=${regressed?.test?.pValue}, rank-biserial=${regressed?.test?.rankBiserial}, ratio=${ratio.toFixed(2)}`,
    );
  });

  it("finds a positive correlation between errors and median latency", async () => {
    const insight = await get<{ n: number; pearson: number | null; spearman: number | null }>(
      "/api/insights/error-latency",
    );
    console.log(
      `[planted] errors vs latency: n=${insight.n} pearson=${insight.pearson} spearman=${insight.spearman}`,
    );
    // One point per connection whose client log has latency: all but the demo's few broken client logs.
    expect(insight.n).toBeGreaterThan(clientLogs * 0.9);
    expect(insight.n).toBeLessThanOrEqual(clientLogs);
    expect(insight.pearson).toBeGreaterThan(0.15);
    expect(insight.spearman).toBeGreaterThan(0.15);
  });

  it("lists the late error pattern with the version it first appeared in", async () => {
    const { items } = await get<{ items: PatternItem[] }>("/api/insights/patterns?limit=500");
    const late = items.find(
      (item) => item.template === PLANTED.lateErrorPattern && item.level === PLANTED.lateErrorLevel,
    );
    expect(late, "late error pattern").toBeDefined();
    expect(late?.firstVersion).toBe(PLANTED.lateErrorFirstVersion);
    expect(late?.connections).toBeGreaterThan(10);
    expect(late?.versions).toContain(PLANTED.lateErrorFirstVersion);
    // Never in a build before it was introduced.
    const versions = (await get<{ items: VersionItem[] }>("/api/insights/versions")).items.map(
      (i) => i.version,
    );
    const firstIndex = versions.indexOf(PLANTED.lateErrorFirstVersion);
    for (const version of late?.versions ?? [])
      expect(versions.indexOf(version)).toBeGreaterThanOrEqual(firstIndex);
  });
});
