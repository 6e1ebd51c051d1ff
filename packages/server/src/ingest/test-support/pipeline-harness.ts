/**
 * The setup both pipeline test files share: real parse workers (bundled from source), a local object store,
 * and a pipeline over a fake queue with short timeouts. Call at the top of a test file.
 */
import { afterAll, beforeAll } from "vitest";
import { createParsePool, type ParsePool } from "../parse-pool.js";
import { createIngestPipeline, type IngestPipelineOptions } from "../pipeline.js";
import { ANY_SOURCE } from "./any-source.js";
import { type BuiltWorker, buildParseWorker } from "./build-worker.js";
import type { FakeQueue } from "./fake-queue.js";
import { startLogStore } from "./log-store.js";
import type { TestServer } from "./test-server.js";

export interface PipelineHarness {
  /** The object store's origin, e.g. http://127.0.0.1:PORT (valid once the tests run). */
  origin(): string;
  server(): TestServer;
  /** The bundled parse worker (for variants that misbehave). */
  worker(): BuiltWorker;
  pipelineFor(
    queue: FakeQueue,
    clock: () => number,
    overrides?: Partial<IngestPipelineOptions>,
  ): ReturnType<typeof createIngestPipeline>;
}

export function usePipelineHarness(): PipelineHarness {
  let server: TestServer;
  let worker: BuiltWorker;
  let pool: ParsePool;
  beforeAll(async () => {
    worker = await buildParseWorker();
    pool = createParsePool({ size: 2, workerUrl: worker.url });
    server = await startLogStore();
  });
  afterAll(async () => {
    await pool.close();
    await server.close();
    await worker.remove();
  });
  return {
    origin: () => server.origin,
    server: () => server,
    worker: () => worker,
    pipelineFor: (queue, clock, overrides = {}) =>
      createIngestPipeline({
        store: queue,
        fetch: {
          timeoutMs: 300,
          maxBytes: 4 * 1024 * 1024,
          retryBaseMs: 1000,
          retryCapMs: 60_000,
          checkUrl: ANY_SOURCE,
        },
        parsePool: pool,
        concurrency: 3,
        leaseMs: 60_000,
        workerId: "test",
        parserVersion: 7,
        maxAttempts: 3,
        clock,
        pollMs: 10,
        ...overrides,
      }),
  };
}
