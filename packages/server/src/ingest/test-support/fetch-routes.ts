/**
 * The object store the fetcher tests talk to: one route per behaviour (a body with validators, chunked,
 * gzip, a zip bomb, 304s, stalls, bodies cut short, drips, redirects, any status via /status/N).
 */
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll } from "vitest";
import { type FetchLogOptions, fetchLog } from "../fetcher.js";
import { ANY_SOURCE } from "./any-source.js";
import { sleep, startTestServer, type TestServer } from "./test-server.js";

export const BODY = Buffer.from(
  "21:02:11:123456 | INFO    | video.c | updateVideo:893 | Avg Decode Time: 0.004121\n".repeat(50),
);

/** Writes 'x' as fast as the client reads, until the client goes away. */
async function endless(res: ServerResponse): Promise<void> {
  res.writeHead(200, { "content-type": "text/plain" });
  const block = Buffer.alloc(64 * 1024, 0x78);
  while (!res.destroyed) {
    if (!res.write(block)) await new Promise((resolve) => res.once("drain", resolve).once("close", resolve));
  }
}

export async function startFetchTestServer(): Promise<TestServer> {
  let base = "";
  const server = await startTestServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    switch (path) {
      case "/log.txt":
        res.writeHead(200, {
          "content-length": BODY.length,
          etag: '"abc"',
          "last-modified": "Tue, 30 Jun 2020 21:02:00 GMT",
        });
        res.end(BODY);
        return;
      case "/chunked.txt":
        res.writeHead(200);
        for (let i = 0; i < BODY.length; i += 1000) {
          res.write(BODY.subarray(i, i + 1000));
          await sleep(1);
        }
        res.end();
        return;
      case "/gzip.txt":
        res.writeHead(200, { "content-encoding": "gzip" });
        res.end(gzipSync(BODY));
        return;
      case "/bomb.txt":
        res.writeHead(200, { "content-encoding": "gzip" });
        res.end(zipBomb());
        return;
      case "/conditional.txt":
        if (req.headers["if-none-match"] === '"abc"' || req.headers["if-modified-since"] !== undefined) {
          res.writeHead(304, { etag: '"abc"' }).end();
        } else res.writeHead(200).end(BODY);
        return;
      case "/bare-304":
        res.writeHead(304).end();
        return;
      case "/never":
        return; // headers never come
      case "/stall":
        res.writeHead(200, { "content-length": 1000 });
        res.write("x".repeat(100));
        return; // and nothing more, connection left open
      case "/cut":
        res.writeHead(200, { "content-length": 1000 });
        res.write("x".repeat(500), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case "/cut-chunked":
        res.writeHead(200);
        res.write("x".repeat(500), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case "/drip":
        // Never silent for long enough to stall, but never done either.
        res.writeHead(200);
        while (!res.destroyed) {
          res.write("x");
          await sleep(50);
        }
        return;
      case "/huge-declared":
        res.writeHead(200, { "content-length": 10 * 1024 * 1024 * 1024 });
        res.write("x");
        return;
      case "/endless":
        await endless(res);
        return;
      case "/retry-after":
        res.writeHead(503, { "retry-after": "7" }).end();
        return;
      case "/retry-after-date":
        res.writeHead(429, { "retry-after": new Date(Date.now() + 60_000).toUTCString() }).end();
        return;
      case "/redirect-relative":
        res.writeHead(302, { location: "/redirect-absolute" }).end();
        return;
      case "/redirect-absolute":
        res.writeHead(301, { location: `${base}/log.txt` }).end();
        return;
      case "/redirect-ftp":
        res.writeHead(307, { location: "ftp://127.0.0.1/x" }).end();
        return;
      case "/redirect-bare":
        res.writeHead(308).end();
        return;
      default: {
        const hops = /^\/hops\/(\d+)$/.exec(path ?? "");
        if (hops !== null) {
          const left = Number(hops[1]);
          if (left === 0) res.writeHead(200).end("done");
          else res.writeHead(302, { location: `/hops/${left - 1}` }).end();
          return;
        }
        const status = /^\/status\/(\d+)$/.exec(path ?? "");
        res.writeHead(status === null ? 404 : Number(status[1]), { "content-type": "application/xml" });
        res.end("<Error><Code>NoSuchKey</Code></Error>");
      }
    }
  });
  base = server.origin;
  return server;
}

/** Short timeouts, so the failure tests stay fast. */
let bomb: Buffer | undefined;
/** 50 MB of zeros, gzipped once: compressing it on every request took longer than the tests' timeout. */
function zipBomb(): Buffer {
  bomb ??= gzipSync(Buffer.alloc(50 * 1024 * 1024));
  return bomb;
}

export const FETCH_TEST_OPTIONS: FetchLogOptions = {
  timeoutMs: 300,
  maxBytes: 1024 * 1024,
  checkUrl: ANY_SOURCE,
};

/**
 * The fetcher test files' shared setup: the routes' server for the file's lifetime, its origin, and
 * `get(path)`, which fetches from it and collects what onChunk received.
 */
export function useFetchTestServer() {
  let server: TestServer;
  beforeAll(async () => {
    server = await startFetchTestServer();
  });
  afterAll(() => server.close());
  return {
    server: () => server,
    base: () => server.origin,
    async get(path: string, options: Partial<FetchLogOptions> = {}) {
      const chunks: Uint8Array[] = [];
      const result = await fetchLog(
        `${server.origin}${path}`,
        { ...FETCH_TEST_OPTIONS, ...options },
        (chunk) => {
          chunks.push(Uint8Array.from(chunk));
        },
      );
      return { result, body: Buffer.concat(chunks) };
    },
  };
}
