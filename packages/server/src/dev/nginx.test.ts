/**
 * The nginx configuration in front of API processes, checked against tiny upstreams on 127.0.0.1 rather
 * than Loupe (the cluster test does that): what it forwards, which failures it absorbs and which it must
 * not, that it keeps connections to the upstreams open, and that docs/deploy.md shows this very config.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closedPort } from "../ingest/test-support/test-server.js";
import { canStartNginx, type RunningNginx, startNginx } from "./nginx.js";
import { loupeProxyConfig } from "./nginx-config.js";

interface Upstream {
  readonly address: string;
  readonly requests: { method: string; url: string; headers: IncomingHttpHeaders }[];
  /** Body bytes of each request. */
  readonly received: number[];
  connections: number;
  server: Server;
}

async function upstream(status: number): Promise<Upstream> {
  const state = { requests: [], received: [], connections: 0 } as unknown as Upstream;
  const server = createServer((req, res) => {
    state.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    let bytes = 0;
    req.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on("end", () => {
      state.received.push(bytes);
      res.writeHead(status, { "content-type": "text/plain", "retry-after": "2" }).end(`status ${status}`);
    });
  });
  server.on("connection", () => state.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return Object.assign(state, {
    server,
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
  });
}

const running: { stop(): unknown }[] = [];
afterEach(async () => {
  for (const each of running.splice(0)) await each.stop();
});

async function nginxBefore(...upstreams: (Upstream | string)[]): Promise<RunningNginx> {
  for (const each of upstreams) {
    if (typeof each !== "string") running.push({ stop: () => each.server.close() });
  }
  const nginx = await startNginx({
    upstreams: upstreams.map((each) => (typeof each === "string" ? each : each.address)),
  });
  running.push(nginx);
  return nginx;
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

describe.runIf(canStartNginx() || process.env.LOUPE_REQUIRE_NGINX === "1")(
  "nginx in front of the API",
  () => {
    it("passes the client's request id, or makes one, and the client's address", async () => {
      const api = await upstream(200);
      const nginx = await nginxBefore(api);
      expect((await get(`${nginx.url}/api/connections`, { "x-request-id": "from-client-1" })).status).toBe(
        200,
      );
      await get(`${nginx.url}/api/connections`);
      const [given, made] = api.requests;
      expect(given?.headers["x-request-id"]).toBe("from-client-1");
      expect(made?.headers["x-request-id"]).toMatch(/^[0-9a-f]{32}$/);
      expect(made?.headers["x-forwarded-for"]).toBe("127.0.0.1");
      expect(made?.headers["x-forwarded-proto"]).toBe("http");
    });

    it("sends a GET that meets a dead process to the other one", async () => {
      const api = await upstream(200);
      const nginx = await nginxBefore(api, `127.0.0.1:${await closedPort()}`);
      const statuses = await Promise.all(
        Array.from({ length: 20 }, async (_, i) => (await get(`${nginx.url}/api/connections/${i}`)).status),
      );
      expect(statuses).toEqual(Array(20).fill(200));
      expect(api.requests).toHaveLength(20);
    });

    it("tries the other process on a 503, and when every process answers 503 passes it on, not a 502", async () => {
      const down = await upstream(503);
      const up = await upstream(200);
      const nginx = await nginxBefore(down, up);
      for (let i = 0; i < 20; i++) expect((await get(`${nginx.url}/api/connections/${i}`)).status).toBe(200);
      expect(down.requests.length).toBeGreaterThan(0);
      expect(up.requests).toHaveLength(20);

      const alsoDown = await upstream(503);
      const outage = await nginxBefore(down, alsoDown);
      for (let i = 0; i < 6; i++) {
        const response = await get(`${outage.url}/api/connections`);
        expect(response.status).toBe(503);
        expect(response.headers.get("retry-after")).toBe("2");
      }
    });

    it("streams a log upload of any size, and refuses other large bodies itself", async () => {
      const api = await upstream(200);
      const nginx = await nginxBefore(api);
      const body = new Uint8Array(3 * 1024 * 1024).fill(65);
      const put = (path: string) => fetch(`${nginx.url}${path}`, { method: "PUT", body });
      const upload = await put("/api/connections/7/logs/client");
      expect(upload.status).toBe(200);
      expect(api.received.at(-1)).toBe(body.length);
      const elsewhere = await put("/api/connections/7/bookmark");
      expect(elsewhere.status).toBe(413);
      expect(api.requests).toHaveLength(1);
    });

    it("takes a registration of up to 1 MB, and no more", async () => {
      const api = await upstream(200);
      const nginx = await nginxBefore(api);
      const post = (bytes: number) =>
        fetch(`${nginx.url}/api/connections`, { method: "POST", body: new Uint8Array(bytes).fill(32) });
      expect((await post(900 * 1024)).status).toBe(200);
      expect(api.received.at(-1)).toBe(900 * 1024);
      expect((await post(1100 * 1024)).status).toBe(413);
      expect(api.requests).toHaveLength(1);
    });

    it("passes server-sent events on as they are written", async () => {
      let release = () => {};
      const server = createServer((_req, res) => {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write("data: first\n\n");
        release = () => res.end("data: last\n\n");
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      running.push({ stop: () => server.close() });
      const nginx = await nginxBefore(`127.0.0.1:${(server.address() as AddressInfo).port}`);
      const response = await fetch(`${nginx.url}/api/events`);
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      // The first event arrives while the stream is still open upstream: nothing held back.
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toContain("data: first");
      release();
      await reader.cancel();
    });

    it("never sends a POST twice", async () => {
      const first = await upstream(503);
      const second = await upstream(503);
      const nginx = await nginxBefore(first, second);
      const response = await fetch(`${nginx.url}/api/connections/1/refetch`, { method: "POST" });
      expect(response.status).toBe(503);
      expect(first.requests.length + second.requests.length).toBe(1);
    });

    it("keeps connections to the processes open across requests", async () => {
      const api = await upstream(200);
      const nginx = await nginxBefore(api);
      for (let i = 0; i < 50; i++) await get(`${nginx.url}/api/connections`);
      expect(api.requests).toHaveLength(50);
      expect(api.connections).toBeLessThanOrEqual(2);
    });

    it("is the configuration docs/deploy.md shows", () => {
      const docs = readFileSync(new URL("../../../../docs/deploy.md", import.meta.url), "utf8");
      const shown = /```nginx\n([\s\S]*?)```/.exec(docs)?.[1];
      const example = loupeProxyConfig({
        listen: "127.0.0.1:8080",
        upstreams: ["127.0.0.1:8081", "127.0.0.1:8082"],
      });
      expect(shown).toBe(example);
    });
  },
);
