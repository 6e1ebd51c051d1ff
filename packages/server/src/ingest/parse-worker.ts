/**
 * The parse pool's worker thread: runs one LogAnalyzer per job on the chunks the main thread sends, acks
 * each chunk once parsed (the main thread's backpressure), and posts the LogAnalysis back at the end.
 */
import { parentPort } from "node:worker_threads";
import { LogAnalyzer } from "@loupe/core";
import { type FromWorker, packAnalysis, type ToWorker } from "./parse-protocol.js";

interface JobState {
  readonly analyzer: LogAnalyzer;
  parseMs: number;
}

const port = parentPort;
if (port === null) throw new Error("parse-worker.js runs only as a worker thread (see parse-pool.ts)");

const jobs = new Map<number, JobState>();
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

port.on("message", (message: ToWorker) => {
  const { job } = message;
  switch (message.type) {
    case "start":
      jobs.set(job, { analyzer: new LogAnalyzer(), parseMs: 0 });
      return;
    case "chunk": {
      const state = jobs.get(job);
      // Always ack, even for a job that failed or was aborted meanwhile: the sender counts chunks in flight.
      if (state !== undefined)
        run(job, state, () => state.analyzer.push(new Uint8Array(message.bytes, 0, message.length)));
      post({ type: "ack", job });
      return;
    }
    case "finish": {
      const state = jobs.get(job);
      if (state === undefined) return;
      jobs.delete(job);
      const analysis = run(job, state, () => state.analyzer.finish());
      if (analysis === undefined) return;
      const packed = packAnalysis(analysis);
      post({ type: "done", job, analysis: packed.analysis, parseMs: state.parseMs }, packed.transfer);
      return;
    }
    case "abort":
      jobs.delete(job);
      return;
  }
});

/** Runs one step of a job, timing it; a thrown error fails that job only, not the worker's others. */
function run<T>(job: number, state: JobState, step: () => T): T | undefined {
  const started = performance.now();
  try {
    return step();
  } catch (error) {
    jobs.delete(job);
    post({ type: "failed", job, message: error instanceof Error ? error.message : String(error) });
    return undefined;
  } finally {
    state.parseMs += performance.now() - started;
  }
}
