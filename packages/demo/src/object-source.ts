/**
 * Where the bucket gets an object's bytes. Generating the longest demo log takes 40–90 ms of CPU; inside
 * `loupe serve` that ran on the API's event loop and was 40% of it during the demo ingest, holding
 * requests up by as much (docs/benchmarks.md). `workerObjectSource` generates in a worker thread instead;
 * `inlineObjectSource` (tests, a bucket in its own process) on the calling thread.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { type DemoFleetKey, type DemoObject, makeDemoObject } from "./demo-object.js";

export interface ObjectSource {
  /** The object, or undefined when there is none by that name. */
  load(key: string): Promise<DemoObject | undefined>;
  close(): Promise<void>;
}

export interface ObjectRequest {
  readonly id: number;
  readonly key: string;
  readonly fleet: DemoFleetKey;
}

export type ObjectReply =
  | { readonly id: number; readonly object: DemoObject | undefined }
  | { readonly id: number; readonly error: string };

export function inlineObjectSource(fleet: DemoFleetKey): ObjectSource {
  return {
    load: (key) => Promise.resolve(makeDemoObject(key, fleet)),
    close: () => Promise.resolve(),
  };
}

/**
 * One worker thread, started on first use and again after a crash (the requests it held fail; the
 * fetcher's retry asks again). It does not keep the process alive.
 */
export function workerObjectSource(
  fleet: DemoFleetKey,
  workerUrl: URL = defaultObjectWorkerUrl(),
): ObjectSource {
  if (workerUrl.protocol === "file:" && !existsSync(fileURLToPath(workerUrl))) {
    throw new Error(
      `demo bucket worker not found at ${fileURLToPath(workerUrl)} (running from source: build it with \`npx tsc -b packages/demo\`)`,
    );
  }
  const pending = new Map<number, { resolve(o: DemoObject | undefined): void; reject(e: Error): void }>();
  let worker: Worker | undefined;
  let nextId = 0;

  const failAll = (error: Error): void => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
    worker = undefined;
  };
  const started = (): Worker => {
    if (worker !== undefined) return worker;
    const w = new Worker(workerUrl);
    w.unref();
    w.on("message", (reply: ObjectReply) => {
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (waiter === undefined) return;
      if ("error" in reply) waiter.reject(new Error(`demo object generation failed: ${reply.error}`));
      else waiter.resolve(reply.object);
    });
    w.on("error", (error) => failAll(error));
    w.on("exit", (code) => {
      if (worker === w) failAll(new Error(`demo bucket worker exited with code ${code}`));
    });
    worker = w;
    return w;
  };

  return {
    load(key) {
      const id = nextId++;
      const request: ObjectRequest = { id, key, fleet };
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        started().postMessage(request);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      failAll(new Error("demo bucket closed"));
      await w?.terminate();
    },
  };
}

/** Next to this module once compiled; from TypeScript source (Vitest), the compiled copy in dist/. */
export function defaultObjectWorkerUrl(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith(".ts")
    ? new URL("../dist/object-worker.js", here)
    : new URL("./object-worker.js", here);
}
