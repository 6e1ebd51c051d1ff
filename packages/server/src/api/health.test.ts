import { describe, expect, it } from "vitest";
import { buildApi } from "./app.js";
import { expectErrorShape } from "./test-support/assertions.js";
import { openTestApi } from "./test-support/test-api.js";

describe("probes, metrics and server info", () => {
  it("/healthz is 200, /readyz is 200 on a migrated store", async () => {
    const t = await openTestApi();
    try {
      const health = await t.app.inject("/healthz");
      expect(health.statusCode).toBe(200);
      expect(health.json()).toEqual({ status: "ok" });
      const ready = await t.app.inject("/readyz");
      expect(ready.statusCode).toBe(200);
      expect(ready.json()).toEqual({ status: "ready" });
    } finally {
      await t.close();
    }
  });

  it("/readyz is 503 JSON when the store is not ready, or throws; /healthz stays 200", async () => {
    const t = await openTestApi();
    try {
      for (const ready of [async () => false, async () => Promise.reject(new Error("connection refused"))]) {
        const app = await buildApi({ store: Object.assign(Object.create(t.store), { ready }) });
        const response = await app.inject("/readyz");
        expect(response.statusCode).toBe(503);
        expectErrorShape(response, "unavailable");
        expect((await app.inject("/healthz")).statusCode).toBe(200);
        await app.close();
      }
    } finally {
      await t.close();
    }
  });

  it("/readyz is 503 with Retry-After until the process has started, then 200", async () => {
    const t = await openTestApi();
    try {
      let started = false;
      const app = await buildApi({ store: t.store, started: () => started });
      const starting = await app.inject("/readyz");
      expect(starting.statusCode).toBe(503);
      expectErrorShape(starting, "unavailable");
      expect(starting.headers["retry-after"]).toBe("2");
      expect(starting.json().message).toMatch(/starting/i);
      // The process answers meanwhile: liveness and the API itself do not wait.
      expect((await app.inject("/healthz")).statusCode).toBe(200);
      expect((await app.inject("/api/connections")).statusCode).toBe(200);
      started = true;
      expect((await app.inject("/readyz")).statusCode).toBe(200);
      await app.close();
    } finally {
      await t.close();
    }
  });

  it("/metrics has request durations by route and status, ingest counters, log counts and process metrics", async () => {
    const t = await openTestApi();
    try {
      await t.app.inject("/api/connections");
      await t.app.inject("/api/connections/42");
      await t.app.inject("/no/such/route");
      const response = await t.app.inject("/metrics");
      expect(response.statusCode).toBe(200);
      expect(response.headers["content-type"]).toMatch(/^text\/plain/);
      const text = response.body;
      expect(text).toMatch(
        /loupe_http_request_duration_seconds_count\{method="GET",route="\/api\/connections",status_code="200"\} 1/,
      );
      expect(text).toMatch(
        /loupe_http_request_duration_seconds_count\{method="GET",route="\/api\/connections\/:id",status_code="404"\} 1/,
      );
      // Unknown paths share one label instead of minting a series per URL.
      expect(text).toContain('route="(unmatched)",status_code="404"');
      expect(text).not.toContain("/no/such/route");
      expect(text).toContain('loupe_ingest_events{name="fetched"} 3');
      expect(text).toContain('loupe_logs{state="total"} 0');
      expect(text).toContain("loupe_process_cpu_seconds_total");
    } finally {
      await t.close();
    }
  });

  it("/api/info tells the page that access is open when no sign-in is configured", async () => {
    const t = await openTestApi();
    try {
      const info = await t.app.inject("/api/info");
      expect(info.json()).toEqual({ openAccess: true, userId: "local", user: null, csrfToken: null });
      expect(info.headers["cache-control"]).toBe("no-store");
    } finally {
      await t.close();
    }
  });
});
