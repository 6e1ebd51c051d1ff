/**
 * An object store on 127.0.0.1 with one object per way a download can go: the two real logs, missing
 * (404, and 403 as public buckets answer for a missing key), a 500 then the log, headers slower than the
 * fetch timeout (once, or always), a body cut short, a generated log of ~200 MiB streamed with
 * backpressure, an empty object and an HTML sign-in page. It counts requests per path, so a test can check
 * how often each was tried.
 */
import { readFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { sleep, startTestServer, type TestServer } from "../ingest/test-support/test-server.js";
import { generatedLogPiece } from "./generated-log.js";

export const REAL_CLIENT_LOG = readFileSync(
  new URL("../../../../fixtures/real-logs/client-2020-05-15.txt", import.meta.url),
);
export const REAL_SERVER_LOG = readFileSync(
  new URL("../../../../fixtures/real-logs/server-2020-05-08.txt", import.meta.url),
);

export const SIGN_IN_PAGE = Buffer.from(
  '<!DOCTYPE html>\n<html lang="en">\n<head><title>Sign in</title></head>\n<body>\n' +
    '<form method="post" action="/login"><input name="user"><button>Sign in</button></form>\n</body>\n</html>\n',
);

export interface MisbehavingObjectStoreOptions {
  /** Headers of the slow objects come after this long: choose it above the fetch timeout. */
  readonly slowMs: number;
  /** Pieces (~1 MiB each, see generated-log.ts) of /big.txt. */
  readonly bigPieces: number;
}

export interface MisbehavingObjectStore {
  readonly server: TestServer;
  /** Requests received for `path` (e.g. "/flaky.txt"). */
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startMisbehavingObjectStore(
  options: MisbehavingObjectStoreOptions,
): Promise<MisbehavingObjectStore> {
  const hits = new Map<string, number>();
  const server = await startTestServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    const hit = (hits.get(path) ?? 0) + 1;
    hits.set(path, hit);
    switch (path) {
      case "/client.txt":
        return sendBytes(res, REAL_CLIENT_LOG);
      case "/server.txt":
        return sendBytes(res, REAL_SERVER_LOG);
      case "/forbidden.txt":
        return sendS3Error(res, 403, "AccessDenied");
      case "/flaky.txt":
        return hit === 1 ? sendS3Error(res, 500, "InternalError") : sendBytes(res, REAL_CLIENT_LOG);
      case "/slow-once.txt":
        if (hit === 1) await sleep(options.slowMs);
        return sendBytes(res, REAL_SERVER_LOG);
      case "/slow-always.txt":
        await sleep(options.slowMs);
        return sendBytes(res, REAL_SERVER_LOG);
      case "/cut.txt":
        // Promises 10,000 bytes, sends 3,000, then the connection dies.
        res.writeHead(200, { "content-length": 10_000 });
        res.write(REAL_CLIENT_LOG.subarray(0, 3000), () => setTimeout(() => res.socket?.destroy(), 20));
        return;
      case "/big.txt":
        return streamGeneratedLog(res, options.bigPieces);
      case "/empty.txt":
        return sendBytes(res, Buffer.alloc(0));
      case "/sign-in.html":
        return sendBytes(res, SIGN_IN_PAGE, "text/html; charset=utf-8");
      default:
        return sendS3Error(res, 404, "NoSuchKey");
    }
  });
  return {
    server,
    hits: (path) => hits.get(path) ?? 0,
    close: () => server.close(),
  };
}

function sendBytes(res: ServerResponse, bytes: Buffer, contentType = "text/plain"): void {
  if (res.destroyed) return; // the client gave up waiting
  res.writeHead(200, { "content-type": contentType, "content-length": bytes.length });
  res.end(bytes);
}

function sendS3Error(res: ServerResponse, status: number, code: string): void {
  res.writeHead(status, { "content-type": "application/xml" });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code></Error>\n`);
}

/** Chunked (no length known up front), one piece at a time, waiting whenever the client is behind. */
async function streamGeneratedLog(res: ServerResponse, pieces: number): Promise<void> {
  res.writeHead(200, { "content-type": "text/plain" });
  for (let j = 0; j < pieces && !res.destroyed; j++) {
    if (!res.write(generatedLogPiece(j))) await drained(res);
  }
  res.end();
}

/** Resolves on 'drain' or 'close', removing both listeners (200 waits must not pile up listeners). */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.on("drain", done).on("close", done);
  });
}
