import { afterEach, describe, expect, it } from "vitest";
import type { ApiDeps } from "./deps.js";
import { expectErrorShape } from "./test-support/assertions.js";
import { openTestApi, type TestApi } from "./test-support/test-api.js";

let t: TestApi | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function api(options: Omit<ApiDeps, "store" | "ingest">): Promise<TestApi> {
  t = await openTestApi(options);
  return t;
}

/** GET `url` from a client at `remoteAddress` (with extra headers). */
const get = (app: TestApi["app"], url: string, remoteAddress = "203.0.113.7", headers = {}) =>
  app.inject({ method: "GET", url, remoteAddress, headers });

describe("rate limit", () => {
  it("answers 429 with the error shape, Retry-After and the security headers past the limit", async () => {
    const { app } = await api({ rateLimit: { perMinute: 3 } });
    for (let i = 0; i < 3; i++) expect((await get(app, "/api/info")).statusCode).toBe(200);
    const refused = await get(app, "/api/info");
    expect(refused.statusCode).toBe(429);
    expectErrorShape(refused, "rate_limited");
    expect(refused.json().message).toMatch(
      /^More than 3 requests in a minute from this client; try again in/,
    );
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers["x-ratelimit-limit"]).toBe("3");
    expect(refused.headers["x-ratelimit-remaining"]).toBe("0");
    expect(refused.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    // Every route counts against the same budget, not only the one that was hammered.
    expect((await get(app, "/api/connections")).statusCode).toBe(429);
  });

  it("never limits health checks and metrics", async () => {
    const { app } = await api({ rateLimit: { perMinute: 2 } });
    for (let i = 0; i < 3; i++) await get(app, "/api/info");
    expect((await get(app, "/api/info")).statusCode).toBe(429);
    for (let i = 0; i < 5; i++) {
      expect((await get(app, "/healthz")).statusCode).toBe(200);
      expect((await get(app, "/readyz")).statusCode).toBe(200);
      expect((await get(app, "/metrics")).statusCode).toBe(200);
    }
  });

  it("never limits the process's own mounts (the demo bucket its ingestion reads)", async () => {
    const { app } = await api({
      rateLimit: { perMinute: 2 },
      mounts: [
        {
          prefix: "/demo-bucket/",
          handle: (_req, res) => {
            res.end("a log");
            return true;
          },
        },
      ],
    });
    for (let i = 0; i < 10; i++) expect((await get(app, `/demo-bucket/log${i}.txt`)).statusCode).toBe(200);
  });

  it("counts each client on its own", async () => {
    const { app } = await api({ rateLimit: { perMinute: 2 } });
    for (let i = 0; i < 3; i++) await get(app, "/api/info", "198.51.100.1");
    expect((await get(app, "/api/info", "198.51.100.1")).statusCode).toBe(429);
    expect((await get(app, "/api/info", "198.51.100.2")).statusCode).toBe(200);
  });

  it("believes X-Forwarded-For only from a trusted proxy", async () => {
    const { app } = await api({ rateLimit: { perMinute: 2 }, trustProxy: ["127.0.0.1"] });
    const viaProxy = (client: string) => get(app, "/api/info", "127.0.0.1", { "x-forwarded-for": client });
    for (let i = 0; i < 3; i++) await viaProxy("198.51.100.1");
    expect((await viaProxy("198.51.100.1")).statusCode).toBe(429);
    // Another user behind the same proxy has a budget of their own.
    expect((await viaProxy("198.51.100.2")).statusCode).toBe(200);
    // A client that is not the proxy cannot escape its count by inventing a forwarded address.
    const direct = (forwarded: string) =>
      get(app, "/api/info", "203.0.113.9", { "x-forwarded-for": forwarded });
    await direct("10.0.0.1");
    await direct("10.0.0.2");
    expect((await direct("10.0.0.3")).statusCode).toBe(429);
  });

  it("takes a key of the caller's choosing (per token or user, once sign-in exists)", async () => {
    const { app } = await api({
      rateLimit: { perMinute: 1, key: (request) => String(request.headers["x-user"] ?? request.ip) },
    });
    await get(app, "/api/info", "203.0.113.7", { "x-user": "ada" });
    expect((await get(app, "/api/info", "203.0.113.7", { "x-user": "ada" })).statusCode).toBe(429);
    expect((await get(app, "/api/info", "203.0.113.7", { "x-user": "grace" })).statusCode).toBe(200);
  });

  it("is off when the limit is 0 (and when the caller sets none)", async () => {
    const { app } = await api({ rateLimit: { perMinute: 0 } });
    for (let i = 0; i < 50; i++) expect((await get(app, "/api/info")).statusCode).toBe(200);
    expect((await get(app, "/api/info")).headers["x-ratelimit-limit"]).toBeUndefined();
  });
});
