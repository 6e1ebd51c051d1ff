/**
 * The demo bucket on 127.0.0.1, answering each request only after `delayMs` (so that ingestion takes long
 * enough to be interrupted) and counting requests per object, so a test can tell which logs were fetched
 * more than once. It serves from a thread of its own (counting-bucket-thread.mjs): generating a large
 * fleet's logs on the test's thread would starve whatever else the test does meanwhile.
 */
import { Worker } from "node:worker_threads";

export interface CountingDemoBucket {
  /** Base URL of the objects, ending in `/`: the demo manifest's `baseUrl`. */
  readonly baseUrl: string;
  /** Requests received per object URL (the full URL, as the manifest names it). */
  readonly hits: ReadonlyMap<string, number>;
  /** Changes the delay of requests from now on (0 to read the objects back quickly). */
  setDelay(ms: number): Promise<void>;
  close(): Promise<void>;
}

type FromThread =
  | { readonly type: "listening"; readonly port: number }
  | { readonly type: "hit"; readonly path: string }
  | { readonly type: "pong" };

export async function startCountingDemoBucket(options: {
  readonly count: number;
  readonly delayMs: number;
}): Promise<CountingDemoBucket> {
  const worker = new Worker(new URL("./counting-bucket-thread.mjs", import.meta.url), {
    workerData: options,
  });
  const hits = new Map<string, number>();
  let origin = "";
  const pongs: (() => void)[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    worker.on("message", (message: FromThread) => {
      if (message.type === "listening") resolve(message.port);
      // Posted before the request is answered: counted before its client can see the object.
      else if (message.type === "hit") {
        const url = `${origin}${message.path}`;
        hits.set(url, (hits.get(url) ?? 0) + 1);
      } else pongs.shift()?.();
    });
    worker.once("error", reject);
  });
  origin = `http://127.0.0.1:${port}`;
  return {
    baseUrl: `${origin}/demo-bucket/`,
    hits,
    // The answer comes after every hit message posted before it: nothing is left uncounted.
    setDelay: (ms) =>
      new Promise<void>((resolve) => {
        pongs.push(resolve);
        worker.postMessage({ type: "delay", ms });
        worker.postMessage({ type: "ping" });
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
