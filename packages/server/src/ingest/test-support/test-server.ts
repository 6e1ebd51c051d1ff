/**
 * A throwaway HTTP server on 127.0.0.1 (port 0) for tests that play the object store: the handler decides
 * each answer, including misbehaviour (stalls, bodies cut short). Only tests import this folder.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface TestServer {
  /** `http://127.0.0.1:PORT` (no trailing slash). */
  readonly origin: string;
  /** Headers of every request received, in order. */
  readonly requests: { readonly url: string; readonly headers: IncomingMessage["headers"] }[];
  /** Requests being answered right now, and the most at once. */
  readonly inFlight: { now: number; max: number };
  close(): Promise<void>;
}

export type TestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export async function startTestServer(handler: TestHandler): Promise<TestServer> {
  const requests: TestServer["requests"] = [];
  const inFlight = { now: 0, max: 0 };
  const server = createServer((req, res) => {
    requests.push({ url: req.url ?? "/", headers: req.headers });
    inFlight.now++;
    inFlight.max = Math.max(inFlight.max, inFlight.now);
    res.on("close", () => inFlight.now--);
    Promise.resolve(handler(req, res)).catch((error: unknown) => {
      res.destroy(error as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    inFlight,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on which nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
