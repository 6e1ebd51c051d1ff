/**
 * Entry point of a separate Node process in the multi-process store tests (bundled by store-process.ts).
 * argv[2] is a JSON StoreProcessTask; the result is printed as one JSON line on stdout.
 */
import { createStore } from "../store/kysely/create-store.js";
import { parsedOutcome } from "./ingest-helpers.js";
import { analysisFixture, patternFixture } from "./log-analysis-fixture.js";
import type { StoreProcessResult, StoreProcessTask } from "./store-process.js";

async function main(task: StoreProcessTask): Promise<StoreProcessResult> {
  const store = await createStore(task.options);
  try {
    await store.migrate();
    const claimed: number[] = [];
    let lostLeases = 0;
    if (task.action === "drain") {
      for (;;) {
        const batch = await store.claimLogs(task.workerId, 5, 60_000, task.now);
        if (batch.length === 0) break;
        for (const log of batch) {
          claimed.push(log.logId);
          const analysis = analysisFixture({
            levels: { INFO: 10, ERROR: 1 },
            series: { latency: [[1, log.logId]] },
            patterns: [patternFixture("Worker saw <num>", 1)],
          });
          if (!(await store.completeLog(log.logId, log.leaseToken, parsedOutcome(analysis), task.now)))
            lostLeases++;
        }
      }
    }
    return { claimed, lostLeases };
  } finally {
    await store.close();
  }
}

const task = JSON.parse(process.argv[2] ?? "{}") as StoreProcessTask;
main(task).then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
