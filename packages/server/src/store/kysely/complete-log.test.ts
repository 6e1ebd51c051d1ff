import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { parsedOutcome } from "../../test-support/ingest-helpers.js";
import { analysisFixture, patternFixture } from "../../test-support/log-analysis-fixture.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { ClaimedLog, Store } from "../store.js";

const NOW = 1_700_000_000_000;

async function claimOne(store: Store, now: number = NOW): Promise<ClaimedLog> {
  const [claimed] = await store.claimLogs("w", 1, 60_000, now);
  if (claimed === undefined) throw new Error("nothing to claim");
  return claimed;
}

describe.each(storeFactories)("completeLog on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
    await database.store.importConnections([connectionInput(1, { clientUrl: null })]);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("stores a parsed log: summary, series exactly, patterns; status ok", async () => {
    const { store } = database;
    const log = await claimOne(store);
    const latency: [number, number][] = Array.from({ length: 1_000 }, (_, i) => [
      i * 0.1 + 1e-7,
      0.01 + i / 7,
    ]);
    const analysis = analysisFixture({
      levels: { INFO: 90, WARNING: 6, ERROR: 3, FATAL_ERROR: 1 },
      series: { latency, encode_size: [[5, 1_234_567]] },
      patterns: [
        patternFixture("Decoder stalled for <num> ms", 3),
        patternFixture("Slow frame <num>", 6, "WARNING"),
      ],
    });
    const outcome = {
      ...parsedOutcome(analysis),
      etag: '"abc"',
      lastModified: "Tue, 30 Jun 2020 21:02:00 GMT",
    };
    expect(await store.completeLog(log.logId, log.leaseToken, outcome, NOW + 1)).toBe(true);

    expect((await store.getConnection(1))?.server).toMatchObject({
      status: "ok",
      entries: 100,
      errors: 4,
      warnings: 6,
      errorPct: 4,
      warningPct: 6,
      levels: { INFO: 90, WARNING: 6, ERROR: 3, FATAL_ERROR: 1 },
    });
    const series = await store.logSeries(log.logId);
    expect(Object.keys(series).sort()).toEqual(["encode_size", "latency"]);
    expect([...(series.latency?.t ?? [])]).toEqual(latency.map(([t]) => t));
    expect([...(series.latency?.v ?? [])]).toEqual(latency.map(([, v]) => v));
    expect([...(series.encode_size?.v ?? [])]).toEqual([1_234_567]);
    expect((await store.logPatterns(log.logId)).map((p) => [p.level, p.template, p.count])).toEqual([
      ["WARNING", "Slow frame <num>", 6],
      ["ERROR", "Decoder stalled for <num> ms", 3],
    ]);
    expect(await store.ingestStatus()).toEqual({ total: 1, done: 1, pending: 0, failed: 0 });
    // The lease is released: the same token cannot write twice.
    expect(await store.completeLog(log.logId, log.leaseToken, outcome, NOW + 2)).toBe(false);
  });

  it("marks a log with no entries invalid", async () => {
    const { store } = database;
    const log = await claimOne(store);
    expect(
      await store.completeLog(
        log.logId,
        log.leaseToken,
        parsedOutcome(analysisFixture({ entries: 0, levels: {} })),
        NOW,
      ),
    ).toBe(true);
    expect((await store.getConnection(1))?.server).toMatchObject({
      status: "invalid",
      entries: 0,
      errorPct: null,
    });
    expect(await store.ingestStatus()).toMatchObject({ done: 1 });
  });

  it("records missing, temporarily unavailable (retry later) and unavailable", async () => {
    const { store } = database;
    let log = await claimOne(store);
    await store.completeLog(
      log.logId,
      log.leaseToken,
      { kind: "unavailable", error: "timeout", retryAt: NOW + 5_000 },
      NOW,
    );
    expect((await store.getConnection(1))?.server).toMatchObject({ status: "pending", lastError: "timeout" });
    expect(await store.claimLogs("w", 1, 60_000, NOW + 4_999)).toEqual([]);
    log = await claimOne(store, NOW + 5_000);
    expect(log.attempts).toBe(2);
    await store.completeLog(
      log.logId,
      log.leaseToken,
      { kind: "unavailable", error: "HTTP 503", retryAt: null },
      NOW + 5_001,
    );
    expect((await store.getConnection(1))?.server).toMatchObject({
      status: "unavailable",
      lastError: "HTTP 503",
    });
    expect(await store.ingestStatus()).toEqual({ total: 1, done: 0, pending: 0, failed: 1 });

    await store.requeue(log.logId, NOW + 6_000);
    log = await claimOne(store, NOW + 6_000);
    await store.completeLog(log.logId, log.leaseToken, { kind: "missing", httpStatus: 403 }, NOW + 6_001);
    expect((await store.getConnection(1))?.server).toMatchObject({
      status: "missing",
      lastError: "HTTP 403",
    });
    expect(await store.ingestStatus()).toEqual({ total: 1, done: 1, pending: 0, failed: 0 });
  });

  it("replaces (never doubles) series and patterns when a requeued log is completed again", async () => {
    const { store } = database;
    let log = await claimOne(store);
    const first = analysisFixture({
      levels: { INFO: 10, ERROR: 5 },
      series: {
        latency: [
          [1, 0.1],
          [2, 0.2],
        ],
        decode_time: [[1, 0.004]],
      },
      patterns: [patternFixture("A <num>", 3), patternFixture("B <num>", 2)],
    });
    await store.completeLog(log.logId, log.leaseToken, parsedOutcome(first), NOW);
    await store.requeue(log.logId, NOW + 1);
    log = await claimOne(store, NOW + 1);
    const second = analysisFixture({
      levels: { INFO: 10, ERROR: 5 },
      series: { latency: [[3, 0.3]] },
      patterns: [patternFixture("A <num>", 5)],
    });
    await store.completeLog(log.logId, log.leaseToken, parsedOutcome(second), NOW + 2);
    expect((await store.logPatterns(log.logId)).map((p) => [p.template, p.count])).toEqual([["A <num>", 5]]);
    const series = await store.logSeries(log.logId);
    expect(Object.keys(series)).toEqual(["latency"]);
    expect([...(series.latency?.v ?? [])]).toEqual([0.3]);
    expect((await store.fleetPatterns(10)).map((p) => [p.template, p.count, p.logs])).toEqual([
      ["A <num>", 5, 1],
    ]);
  });

  it("keeps earlier results when a refetch fails", async () => {
    const { store } = database;
    let log = await claimOne(store);
    await store.completeLog(
      log.logId,
      log.leaseToken,
      parsedOutcome(analysisFixture({ entries: 7, series: { encode_time: [[1, 2]] } })),
      NOW,
    );
    await store.requeue(log.logId, NOW + 1);
    log = await claimOne(store, NOW + 1);
    await store.completeLog(log.logId, log.leaseToken, { kind: "missing", httpStatus: 404 }, NOW + 2);
    expect((await store.getConnection(1))?.server).toMatchObject({ status: "missing", entries: 7 });
    expect(Object.keys(await store.logSeries(log.logId))).toEqual(["encode_time"]);
  });
});
