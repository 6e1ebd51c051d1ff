import { existsSync, readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { analyzeLog } from "@loupe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createParsePool, type ParseJob, type ParsePool } from "./parse-pool.js";
import { type BuiltWorker, buildParseWorker } from "./test-support/build-worker.js";
import { sleep } from "./test-support/test-server.js";
import { defaultWorkerUrl } from "./worker-location.js";

const REAL_LOGS = ["client-2020-05-15.txt", "server-2020-05-08.txt"].map((name) =>
  readFileSync(new URL(`../../../../fixtures/real-logs/${name}`, import.meta.url)),
);

/** Pushes `bytes` in pieces of varying size (1 byte to 100 KB), like a socket would. */
async function feed(job: ParseJob, bytes: Uint8Array, seed = 1): Promise<void> {
  let state = seed;
  for (let offset = 0; offset < bytes.length; ) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const size = 1 + (state % 100_000);
    await job.push(bytes.subarray(offset, offset + size));
    offset += size;
  }
}

async function parse(pool: ParsePool, bytes: Uint8Array, seed?: number) {
  const job = pool.open();
  await feed(job, bytes, seed);
  return job.finish();
}

let worker: BuiltWorker;

beforeAll(async () => {
  worker = await buildParseWorker();
});

afterAll(() => worker.remove());

describe("parse pool: real workers", () => {
  it("gives exactly analyzeLog's result for the real logs, many jobs on fewer workers", async () => {
    const pool = createParsePool({ size: 2, workerUrl: worker.url, batchBytes: 64 * 1024 });
    try {
      const inputs = [...REAL_LOGS, ...REAL_LOGS, ...REAL_LOGS];
      const results = await Promise.all(inputs.map((bytes, i) => parse(pool, bytes, i + 1)));
      results.forEach((result, i) => {
        expect(result.analysis).toEqual(analyzeLog(inputs[i] as Uint8Array));
        expect(result.parseSeconds).toBeGreaterThan(0);
      });
      expect(pool.stats()).toEqual({ workers: 2, workersStarted: 2, workerCrashes: 0, activeJobs: 0 });
    } finally {
      await pool.close();
    }
  });

  it("sizes itself from the machine by default", async () => {
    const pool = createParsePool({ workerUrl: worker.url });
    expect(pool.size).toBe(Math.max(1, availableParallelism() - 1));
    await pool.close();
  });

  it("holds push() back while the worker has maxInFlightChunks unacknowledged", async () => {
    // A worker that never answers: the real one's listener is removed.
    const mute = await worker.variant(
      "mute",
      'import { parentPort } from "node:worker_threads"; parentPort.removeAllListeners("message");',
    );
    const pool = createParsePool({ size: 1, workerUrl: mute, batchBytes: 1024, maxInFlightChunks: 2 });
    try {
      const job = pool.open();
      await job.push(new Uint8Array(2048)); // two batches in flight: still fine
      let settled = false;
      const third = job.push(new Uint8Array(1024)).finally(() => {
        settled = true;
      });
      await sleep(200);
      expect(settled).toBe(false);
      job.abort();
      await expect(third).rejects.toThrow("parse job aborted");
    } finally {
      await pool.close();
    }
  });

  it("rejects the jobs of a worker that exits, and starts a new worker for the next job", async () => {
    const crashing = await worker.variant(
      "exits",
      `import { parentPort } from "node:worker_threads";
       parentPort.on("message", (m) => {
         if (m.type === "chunk" && Buffer.from(m.bytes, 0, m.length).includes("CRASH")) process.exit(7);
       });`,
    );
    const pool = createParsePool({ size: 1, workerUrl: crashing });
    try {
      const bystander = pool.open();
      await bystander.push(REAL_LOGS[0] as Uint8Array);
      const victim = pool.open();
      await victim.push(new TextEncoder().encode("CRASH"));
      await expect(victim.finish()).rejects.toThrow("parse worker exited with code 7");
      // Jobs share workers: the bystander on the same worker fails too (the pipeline retries it).
      await expect(bystander.finish()).rejects.toThrow("parse worker exited with code 7");
      const after = await parse(pool, REAL_LOGS[1] as Uint8Array);
      expect(after.analysis).toEqual(analyzeLog(REAL_LOGS[1] as Uint8Array));
      expect(pool.stats()).toMatchObject({ workersStarted: 2, workerCrashes: 1, workers: 1, activeJobs: 0 });
    } finally {
      await pool.close();
    }
  });

  it("rejects the job of a worker that throws", async () => {
    const throwing = await worker.variant(
      "throws",
      `import { parentPort } from "node:worker_threads";
       parentPort.on("message", (m) => { if (m.type === "chunk") throw new Error("boom"); });`,
    );
    const pool = createParsePool({ size: 1, workerUrl: throwing });
    try {
      await expect(parse(pool, REAL_LOGS[0] as Uint8Array)).rejects.toThrow("parse worker crashed: boom");
      expect(pool.stats().workerCrashes).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it("aborts one job without disturbing the others on its worker", async () => {
    const pool = createParsePool({ size: 1, workerUrl: worker.url });
    try {
      const dropped = pool.open();
      await dropped.push(REAL_LOGS[0] as Uint8Array);
      const kept = parse(pool, REAL_LOGS[1] as Uint8Array);
      dropped.abort();
      dropped.abort();
      await expect(dropped.finish()).rejects.toThrow("parse job aborted");
      await expect(dropped.push(new Uint8Array(1))).rejects.toThrow("parse job aborted");
      expect((await kept).analysis).toEqual(analyzeLog(REAL_LOGS[1] as Uint8Array));
    } finally {
      await pool.close();
    }
  });

  it("fails running jobs when closed, and refuses new ones", async () => {
    const pool = createParsePool({ size: 1, workerUrl: worker.url });
    const job = pool.open();
    await job.push(REAL_LOGS[0] as Uint8Array);
    await pool.close();
    await expect(job.finish()).rejects.toThrow("parse pool closed");
    expect(() => pool.open()).toThrow("parse pool is closed");
  });

  it("says how to fix a missing worker script", () => {
    expect(() =>
      createParsePool({ workerUrl: new URL("file:///nowhere/dist/ingest/parse-worker.js") }),
    ).toThrow(/parse worker script not found at \/nowhere.*npx tsc -b packages\/server/);
  });
});

describe("parse pool: inline", () => {
  it("gives exactly analyzeLog's result on the calling thread", async () => {
    const pool = createParsePool({ inline: true });
    for (const bytes of REAL_LOGS) {
      expect((await parse(pool, bytes)).analysis).toEqual(analyzeLog(bytes));
    }
    const job = pool.open();
    job.abort();
    await expect(job.finish()).rejects.toThrow("already finished or aborted");
    expect(pool.stats().activeJobs).toBe(0);
  });
});

// The default worker location, as `loupe serve` uses it: the compiled dist/ (after `npx tsc -b packages/server`).
const distWorker = fileURLToPath(defaultWorkerUrl());
describe.skipIf(!existsSync(distWorker))("parse pool: the compiled worker in dist/", () => {
  it("parses a real log with default options", async () => {
    const pool = createParsePool({ size: 1 });
    try {
      const result = await parse(pool, REAL_LOGS[1] as Uint8Array);
      expect(result.analysis).toEqual(analyzeLog(REAL_LOGS[1] as Uint8Array));
    } finally {
      await pool.close();
    }
  });
});
