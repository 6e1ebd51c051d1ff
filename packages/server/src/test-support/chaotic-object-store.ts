/**
 * An object store that misbehaves at random, reproducibly: every answer to the k-th request for object i
 * is drawn from a seeded hash of (seed, i, k), so a test knows in advance what each log will meet on each
 * attempt and can work out what the retry policy must make of it. Answers: a 5xx (500, 502 or 503), a
 * stall before the headers, a stall in the middle of the body (both longer than the client's timeout),
 * a slow but complete answer (shorter than the timeout), or the log at once.
 */
import type { ServerResponse } from "node:http";
import { sleep, startTestServer, type TestServer } from "../ingest/test-support/test-server.js";

export type Answer = "5xx" | "stall-headers" | "stall-body" | "slow-ok" | "ok";

export interface ChaosOdds {
  /** Shares of answers; the rest are "ok". */
  readonly serverError: number;
  readonly stallHeaders: number;
  readonly stallBody: number;
  readonly slowOk: number;
}

export interface ChaoticObjectStoreOptions {
  readonly seed: number;
  readonly odds: ChaosOdds;
  /** How long a stall lasts (choose it above the fetch timeout) and a slow answer waits (below it). */
  readonly stallMs: number;
  readonly slowMs: number;
}

export interface ChaoticObjectStore {
  readonly server: TestServer;
  /** `/log-<i>.txt` */
  pathOf(object: number): string;
  /** What the `attempt`-th request (1-based) for `object` gets. */
  answer(object: number, attempt: number): Answer;
  /** The status a "5xx" answer has. */
  serverErrorStatus(object: number, attempt: number): number;
  /** Requests received for `object`, and every answer given so far. */
  hits(object: number): number;
  readonly given: Readonly<Record<Answer, number>>;
  /**
   * Answers that should have succeeded but the client hung up on before they were sent, with the time
   * it waited: on a busy machine, a timeout firing late would show here (and explain a test's surprise).
   */
  readonly abandoned: readonly string[];
  close(): Promise<void>;
}

/** A few dozen log lines, different for every object, always the same for the same object. */
export function chaosLogBody(object: number): Buffer {
  const lines: string[] = [];
  const count = 20 + (object % 37);
  for (let n = 0; n < count; n++) {
    const seconds = 3600 + object + n / 10;
    const stamp = `01:${String(Math.floor(seconds / 60) % 60).padStart(2, "0")}:${String(Math.floor(seconds) % 60).padStart(2, "0")}:${String((n * 100_000) % 1_000_000).padStart(6, "0")}`;
    const level = n % 11 === 3 ? "ERROR  " : "INFO   ";
    const message =
      n % 11 === 3
        ? `Failed to connect to 10.0.${object % 256}.1:80`
        : `Latency: ${(0.02 + ((object * 7 + n) % 90) / 1000).toFixed(6)}`;
    lines.push(`${stamp} | ${level} | network.c       | pingLoop:212 | ${message}`);
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

export async function startChaoticObjectStore(
  options: ChaoticObjectStoreOptions,
): Promise<ChaoticObjectStore> {
  const { seed, odds } = options;
  const hits = new Map<number, number>();
  const abandoned: string[] = [];
  const given: Record<Answer, number> = {
    "5xx": 0,
    "stall-headers": 0,
    "stall-body": 0,
    "slow-ok": 0,
    ok: 0,
  };
  const answer = (object: number, attempt: number): Answer => {
    let u = unit(seed, object, attempt, 0);
    for (const [kind, share] of [
      ["5xx", odds.serverError],
      ["stall-headers", odds.stallHeaders],
      ["stall-body", odds.stallBody],
      ["slow-ok", odds.slowOk],
    ] as const) {
      if (u < share) return kind;
      u -= share;
    }
    return "ok";
  };
  const serverErrorStatus = (object: number, attempt: number): number =>
    [500, 502, 503][Math.floor(unit(seed, object, attempt, 1) * 3)] ?? 500;

  const server = await startTestServer(async (req, res) => {
    const match = /^\/log-(\d+)\.txt$/.exec(req.url ?? "");
    if (match === null) return void res.writeHead(404).end();
    const object = Number(match[1]);
    const attempt = (hits.get(object) ?? 0) + 1;
    hits.set(object, attempt);
    const kind = answer(object, attempt);
    given[kind]++;
    const started = performance.now();
    res.on("close", () => {
      if ((kind === "ok" || kind === "slow-ok") && !res.writableFinished) {
        const waited = Math.round(performance.now() - started);
        abandoned.push(`object ${object} attempt ${attempt} (${kind}) after ${waited} ms`);
      }
    });
    const body = chaosLogBody(object);
    switch (kind) {
      case "5xx":
        res.writeHead(serverErrorStatus(object, attempt), { "content-type": "application/xml" });
        res.end("<Error><Code>InternalError</Code></Error>");
        return;
      case "stall-headers":
        await sleep(options.stallMs);
        return void res.destroy();
      case "stall-body":
        res.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
        res.write(body.subarray(0, body.length >> 1));
        await sleep(options.stallMs);
        return void res.destroy();
      case "slow-ok":
        await sleep(options.slowMs);
        return send(res, body);
      case "ok":
        return send(res, body);
    }
  });
  return {
    server,
    pathOf: (object) => `/log-${object}.txt`,
    answer,
    serverErrorStatus,
    hits: (object) => hits.get(object) ?? 0,
    given,
    abandoned,
    close: () => server.close(),
  };
}

function send(res: ServerResponse, body: Buffer): void {
  if (res.destroyed) return;
  res.writeHead(200, { "content-type": "text/plain", "content-length": body.length });
  res.end(body);
}

/** A uniform number in [0, 1) from the inputs (SplitMix32-style mixing): the same inputs, the same number. */
function unit(...inputs: number[]): number {
  let h = 0x9e3779b9;
  for (const input of inputs) {
    h = Math.imul(h ^ (input >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}
