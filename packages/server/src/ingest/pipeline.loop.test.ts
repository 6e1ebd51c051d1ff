import { describe, expect, it } from "vitest";
import { createParsePool } from "./parse-pool.js";
import { ANY_SOURCE } from "./test-support/any-source.js";
import { FakeQueue } from "./test-support/fake-queue.js";
import { usePipelineHarness } from "./test-support/pipeline-harness.js";
import { sleep } from "./test-support/test-server.js";

const T0 = Date.UTC(2020, 6, 1);

const harness = usePipelineHarness();
const pipelineFor = harness.pipelineFor;

describe("ingest pipeline: the loop", () => {
  it("takes a prioritized log next", async () => {
    const queue = new FakeQueue();
    const ids = [1, 2, 3, 4, 5].map(() => queue.add(`${harness.origin()}/delay.txt?${Math.random()}`));
    const pipeline = pipelineFor(queue, () => T0, {
      concurrency: 1,
      fetch: { timeoutMs: 2000, maxBytes: 1e6, retryBaseMs: 1, retryCapMs: 1, checkUrl: ANY_SOURCE },
    });
    pipeline.start();
    // The first claim (log 1) happened inside start(); the priority applies from the next one.
    await pipeline.ingestNow(ids[4] as number);
    await pipeline.drain();
    await pipeline.stop();
    expect(queue.claimOrder).toEqual([ids[0], ids[4], ids[1], ids[2], ids[3]]);
  });

  it("counts a lease lost to another worker and writes nothing", async () => {
    const queue = new FakeQueue();
    const logId = queue.add(`${harness.origin()}/missing.txt`);
    const claim = queue.claimLogs.bind(queue);
    queue.claimLogs = async (...args) => {
      const claimed = await claim(...args);
      for (const log of claimed) queue.steal(log.logId);
      return claimed;
    };
    const pipeline = pipelineFor(queue, () => T0);
    await pipeline.drain();
    expect(pipeline.counters().leaseLost).toBe(1);
    expect(queue.log(logId).outcomes).toEqual([]);
  });

  it("carries on after the store fails to claim", async () => {
    const queue = new FakeQueue();
    const logId = queue.add(`${harness.origin()}/gone.txt`);
    queue.failClaims = 2;
    const errors: string[] = [];
    const pipeline = pipelineFor(queue, () => T0, {
      onError: (e, during) => errors.push(`${during}: ${(e as Error).message}`),
    });
    await pipeline.drain();
    expect(errors).toEqual(["claimLogs: database is locked", "claimLogs: database is locked"]);
    expect(queue.log(logId).outcomes).toEqual([{ kind: "missing", httpStatus: 410 }]);
    expect(pipeline.counters().storeErrors).toBe(2);
  });

  it("retries a log whose parse worker crashed", async () => {
    const crashing = await harness
      .worker()
      .variant(
        "exit-on-chunk",
        'import { parentPort } from "node:worker_threads"; parentPort.on("message", (m) => { if (m.type === "chunk") process.exit(7); });',
      );
    const crashPool = createParsePool({ size: 1, workerUrl: crashing });
    const queue = new FakeQueue();
    const logId = queue.add(`${harness.origin()}/server.txt`);
    const pipeline = pipelineFor(queue, () => T0, { parsePool: crashPool });
    await pipeline.drain();
    await crashPool.close();
    expect(queue.log(logId).outcomes).toEqual([
      {
        kind: "unavailable",
        error: "parse failed: parse worker exited with code 7",
        retryAt: expect.any(Number),
      },
    ]);
    expect(pipeline.counters().parseFailures).toBe(1);
  });

  it("gives up on a log that cannot finish within its lease", async () => {
    const queue = new FakeQueue();
    const logId = queue.add(`${harness.origin()}/drip.txt`);
    const pipeline = pipelineFor(queue, () => T0, { leaseMs: 1000, maxAttempts: 1 });
    await pipeline.drain();
    expect(queue.log(logId).outcomes).toEqual([
      {
        kind: "unavailable",
        error: "not finished within the 800 ms deadline (gave up after 1 attempts)",
        retryAt: null,
      },
    ]);
  });

  it("stops promptly, leaving logs in flight to their lease", async () => {
    const queue = new FakeQueue();
    const logId = queue.add(`${harness.origin()}/hang.txt`);
    const pipeline = pipelineFor(queue, () => T0, {
      fetch: { timeoutMs: 30_000, maxBytes: 1e6, retryBaseMs: 1, retryCapMs: 1, checkUrl: ANY_SOURCE },
    });
    pipeline.start();
    await sleep(200);
    expect(pipeline.counters().inFlight).toBe(1);
    const started = Date.now();
    await pipeline.stop();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(queue.log(logId)).toMatchObject({ outcomes: [], status: "pending" });
    expect(pipeline.counters().inFlight).toBe(0);
  });

  it("lets logs in flight finish within the grace period", async () => {
    const queue = new FakeQueue();
    const logId = queue.add(`${harness.origin()}/slow.txt`);
    const pipeline = pipelineFor(queue, () => T0, {
      fetch: { timeoutMs: 5000, maxBytes: 1e6, retryBaseMs: 1, retryCapMs: 1, checkUrl: ANY_SOURCE },
    });
    pipeline.start();
    await sleep(100);
    await pipeline.stop(5000);
    expect(queue.log(logId).outcomes).toMatchObject([{ kind: "parsed", bytes: 4 }]);
  });
});
