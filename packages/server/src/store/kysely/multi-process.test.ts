import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { type StoreFactory, storeFactories } from "../../test-support/store-factories.js";
import { type StoreProcessRunner, storeProcessRunner } from "../../test-support/store-process.js";

const PROCESSES = 4;

let runner: StoreProcessRunner;
beforeAll(async () => {
  runner = await storeProcessRunner();
});
afterAll(async () => {
  await runner.dispose();
});

describe.each(storeFactories)("several processes on one $dialect database", (factory: StoreFactory) => {
  it("start together: migrate once, then drain the queue with every log completed exactly once", async () => {
    const database = await factory.create({ migrate: false });
    try {
      const now = Date.now();
      const task = (action: "migrate" | "drain", i: number) => ({
        options: database.options,
        action,
        workerId: `process-${i}`,
        now,
      });
      const indices = Array.from({ length: PROCESSES }, (_, i) => i);
      await Promise.all(indices.map((i) => runner.run(task("migrate", i))));
      expect(await database.store.ready()).toBe(true);

      await database.store.importConnections(Array.from({ length: 80 }, (_, i) => connectionInput(i + 1)));
      const results = await Promise.all(indices.map((i) => runner.run(task("drain", i))));
      const claimed = results.flatMap((result) => result.claimed);
      expect(results.map((result) => result.lostLeases)).toEqual(indices.map(() => 0));
      expect(claimed).toHaveLength(160);
      expect(new Set(claimed).size).toBe(160);
      expect(await database.store.ingestStatus()).toEqual({ total: 160, done: 160, pending: 0, failed: 0 });
      const [pattern] = await database.store.fleetPatterns(1);
      expect(pattern).toMatchObject({ count: 160, logs: 160, connections: 80 });
    } finally {
      await database.dispose();
    }
  }, 60_000);
});
