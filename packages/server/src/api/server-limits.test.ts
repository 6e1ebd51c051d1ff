/**
 * The limits against slow clients, on a listening server and raw sockets (light-my-request has no
 * sockets): headers sent slowly, a body sent slowly, nothing sent at all, an idle keep-alive connection.
 * The limits are shortened here; a last test checks the real ones reach the server.
 */
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SERVER_LIMITS, type ServerLimits } from "./server-limits.js";
import { buildFleet, openTestApi, type TestApi } from "./test-support/test-api.js";

const LIMITS: ServerLimits = {
  headersTimeoutMs: 600,
  requestTimeoutMs: 1200,
  socketIdleTimeoutMs: 5000,
  keepAliveTimeoutMs: 400,
  timeoutCheckEveryMs: 100,
  bodyLimitBytes: 64 * 1024,
};

/**
 * Slack for a busy machine when checking that a cut came in time. Without the limits every one of these
 * connections would stay open for 10 s (what the dribbling client sends) or more: Node's own defaults
 * are 60 s for headers and no limit on the request; Fastify keeps idle connections 72 s.
 */
const LATE_MS = 2000;
/** Node keeps an idle keep-alive socket this much longer than keepAliveTimeout (keepAliveTimeoutBuffer). */
const NODE_KEEP_ALIVE_BUFFER_MS = 1000;

let t: TestApi;
let port: number;

beforeAll(async () => {
  t = await openTestApi({ limits: LIMITS });
  await buildFleet(t.store, [{ connectionId: 1 }]);
  await t.app.listen({ host: "127.0.0.1", port: 0 });
  const address = t.app.server.address();
  port = typeof address === "object" && address !== null ? address.port : 0;
});
afterAll(() => t.close());

interface Conversation {
  readonly socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves with the ms from opening to the server closing the connection. */
  readonly closed: Promise<number>;
}

async function open(): Promise<Conversation> {
  const started = performance.now();
  const socket = connect(port, "127.0.0.1");
  let text = "";
  socket.on("data", (chunk) => {
    text += chunk.toString();
  });
  socket.on("error", () => {});
  const closed = new Promise<number>((resolve) =>
    socket.on("close", () => resolve(performance.now() - started)),
  );
  await new Promise((resolve) => socket.once("connect", resolve));
  return { socket, received: () => text, closed };
}

/** Writes `pieces` one every `everyMs` until the socket closes; the client never finishes. */
function dribble(socket: Socket, pieces: readonly string[], everyMs: number): void {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= pieces.length) clearInterval(timer);
    else socket.write(pieces[i++] as string);
  }, everyMs);
  socket.on("close", () => clearInterval(timer));
}

/** The status line and JSON body of the server's answer. */
function answer(text: string): { status: string; body: unknown } {
  const [head = "", body = ""] = text.split("\r\n\r\n");
  return { status: head.split("\r\n")[0] ?? "", body: body === "" ? undefined : JSON.parse(body) };
}

describe("limits against slow clients", () => {
  it("cuts off a client that sends its headers slowly (slowloris) at the headers timeout, with a 408", async () => {
    const c = await open();
    c.socket.write("GET /api/info HTTP/1.1\r\nHost: loupe\r\n");
    // A header line every 100 ms, for 10 s if allowed: each keeps the socket busy, none ends the headers.
    dribble(
      c.socket,
      Array.from({ length: 100 }, (_, i) => `X-Pad-${i}: ${i}\r\n`),
      100,
    );
    const ms = await c.closed;
    expect(ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    expect(ms).toBeLessThan(LIMITS.headersTimeoutMs + LIMITS.timeoutCheckEveryMs + LATE_MS);
    expect(answer(c.received())).toEqual({
      status: "HTTP/1.1 408 Request Timeout",
      body: { error: "request_timeout", message: "The request took too long to arrive" },
    });
  });

  it("cuts off a client that sends its body slowly at the request timeout", async () => {
    const c = await open();
    c.socket.write(
      "POST /api/connections/1/refetch HTTP/1.1\r\nHost: loupe\r\nContent-Type: application/json\r\n" +
        "Content-Length: 1000\r\n\r\n{",
    );
    dribble(
      c.socket,
      Array.from({ length: 100 }, () => " "),
      100,
    );
    const ms = await c.closed;
    expect(ms).toBeGreaterThanOrEqual(LIMITS.requestTimeoutMs - 50);
    expect(ms).toBeLessThan(LIMITS.requestTimeoutMs + LIMITS.timeoutCheckEveryMs + LATE_MS);
    expect(answer(c.received()).status).toBe("HTTP/1.1 408 Request Timeout");
  });

  it("closes a connection that never sends a request", async () => {
    const c = await open();
    const ms = await c.closed;
    expect(ms).toBeLessThan(LIMITS.headersTimeoutMs + LIMITS.timeoutCheckEveryMs + LATE_MS);
  });

  it("closes an idle keep-alive connection after the keep-alive timeout", async () => {
    const c = await open();
    c.socket.write("GET /healthz HTTP/1.1\r\nHost: loupe\r\n\r\n");
    const ms = await c.closed;
    expect(c.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    expect(ms).toBeGreaterThanOrEqual(LIMITS.keepAliveTimeoutMs - 50);
    expect(ms).toBeLessThan(LIMITS.keepAliveTimeoutMs + NODE_KEEP_ALIVE_BUFFER_MS + LATE_MS);
  });

  it("answers a request that arrives in time, however it is split", async () => {
    const c = await open();
    dribble(c.socket, ["GET /api/info HTTP/1.1\r\n", "Host: loupe\r\n", "Connection: close\r\n", "\r\n"], 50);
    await c.closed;
    expect(answer(c.received()).status).toBe("HTTP/1.1 200 OK");
  });
});

describe("requests refused before routing", () => {
  it.each([
    [
      "headers over Node's 16 KB",
      `GET /api/info HTTP/1.1\r\nHost: loupe\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`,
      431,
      "headers_too_large",
    ],
    ["bytes that are not HTTP", "HELLO THERE\r\n\r\n", 400, "bad_request"],
  ])("answers %s with the JSON error shape and closes", async (_what, request, status, code) => {
    const c = await open();
    c.socket.write(request);
    await c.closed;
    const { status: line, body } = answer(c.received());
    expect(line).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    expect(body).toEqual({ error: code, message: expect.any(String) });
  });
});

describe("the limits loupe serve runs with", () => {
  it("reach the HTTP server: headers 10 s, request 30 s, keep-alive 72 s, idle socket 2 min", async () => {
    const real = await openTestApi();
    try {
      const server = real.app.server;
      expect(server.headersTimeout).toBe(10_000);
      expect(server.requestTimeout).toBe(30_000);
      expect(server.keepAliveTimeout).toBe(72_000);
      expect(server.timeout).toBe(120_000);
      expect((server as unknown as { connectionsCheckingInterval: number }).connectionsCheckingInterval).toBe(
        1_000,
      );
      expect(SERVER_LIMITS.bodyLimitBytes).toBe(64 * 1024);
      expect(real.app.initialConfig.bodyLimit).toBe(64 * 1024);
    } finally {
      await real.close();
    }
  });
});
