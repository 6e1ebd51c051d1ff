/**
 * The demo bucket on 127.0.0.1, answering each request only after `delayMs` (so that ingestion takes long
 * enough to be interrupted) and counting requests per object, so a test can tell which logs were fetched
 * more than once.
 */
import { createDemoBucketHandler } from "@loupe/demo";
import { sleep, startTestServer } from "../ingest/test-support/test-server.js";

export interface CountingDemoBucket {
  /** Base URL of the objects, ending in `/`: the demo manifest's `baseUrl`. */
  readonly baseUrl: string;
  /** Requests received per object URL (the full URL, as the manifest names it). */
  readonly hits: ReadonlyMap<string, number>;
  /** Changes the delay of requests from now on (0 to read the objects back quickly). */
  setDelay(ms: number): void;
  close(): Promise<void>;
}

export async function startCountingDemoBucket(options: {
  readonly count: number;
  readonly delayMs: number;
}): Promise<CountingDemoBucket> {
  const handle = createDemoBucketHandler({ count: options.count, prefix: "/demo-bucket/" });
  const hits = new Map<string, number>();
  let origin = "";
  let delayMs = options.delayMs;
  const server = await startTestServer(async (req, res) => {
    const url = `${origin}${req.url ?? "/"}`;
    hits.set(url, (hits.get(url) ?? 0) + 1);
    if (delayMs > 0) await sleep(delayMs);
    if (res.destroyed) return; // the client went away meanwhile (it was killed)
    if (!handle(req, res)) res.writeHead(404).end();
  });
  origin = server.origin;
  return {
    baseUrl: `${origin}/demo-bucket/`,
    hits,
    setDelay: (ms) => {
      delayMs = ms;
    },
    close: () => server.close(),
  };
}
