import { describe, expect, it } from "vitest";
import { buildApi } from "./app.js";
import { API_ERRORS } from "./errors.js";
import { expectErrorShape } from "./test-support/assertions.js";
import { captureLogger } from "./test-support/capture-logger.js";
import { buildFleet, openTestApi, storeWith } from "./test-support/test-api.js";

describe("error answers", () => {
  it("lists each code once with a 4xx or 5xx status", () => {
    for (const { status } of Object.values(API_ERRORS)) expect(status).toBeGreaterThanOrEqual(400);
    expect(API_ERRORS.not_found.status).toBe(404);
    expect(API_ERRORS.invalid_cursor.status).toBe(400);
    expect(API_ERRORS.payload_too_large.status).toBe(413);
    expect(API_ERRORS.unavailable.status).toBe(503);
    expect(API_ERRORS.internal.status).toBe(500);
  });

  it("answer unknown routes, bad URLs, bodies and media types with the JSON error shape", async () => {
    const t = await openTestApi();
    try {
      await buildFleet(t.store, [{ connectionId: 1 }]);
      const cases = [
        [{ method: "GET", url: "/api/nothing-here" }, 404, "not_found"],
        [{ method: "GET", url: "/" }, 404, "not_found"],
        [{ method: "DELETE", url: "/api/connections" }, 404, "not_found"],
        [{ method: "GET", url: "/api/connections/%zz" }, 400, "bad_request"],
        [
          {
            method: "POST",
            url: "/api/connections/1/refetch",
            headers: { "content-type": "application/json" },
            payload: JSON.stringify({ junk: "x".repeat(100_000) }),
          },
          413,
          "payload_too_large",
        ],
        [
          {
            method: "POST",
            url: "/api/connections/1/refetch",
            headers: { "content-type": "application/xml" },
            payload: "<a/>",
          },
          415,
          "unsupported_media_type",
        ],
        [
          {
            method: "POST",
            url: "/api/connections/1/refetch",
            headers: { "content-type": "application/json" },
            payload: "{",
          },
          400,
          "bad_request",
        ],
      ] as const;
      for (const [request, status, code] of cases) {
        const response = await t.app.inject(request);
        expect(response.statusCode, `${request.method} ${request.url}`).toBe(status);
        expectErrorShape(response, code);
      }
      const unknown = await t.app.inject("/api/nothing-here");
      expect(unknown.json().message).toBe("Route GET /api/nothing-here not found");
    } finally {
      await t.close();
    }
  });

  it("names the parameter in validation messages", async () => {
    const t = await openTestApi();
    try {
      const cases = [
        ["/api/connections?limit=9999", 'Invalid query parameter "limit": must be <= 500'],
        ["/api/connections?limit=0x10", 'Invalid query parameter "limit": must be a finite decimal number'],
        ["/api/connections?limit=1e400", 'Invalid query parameter "limit": must be a finite decimal number'],
        ["/api/connections?order=sideways", 'Invalid query parameter "order": must be one of "asc", "desc"'],
        ["/api/connections?hasErrors=perhaps", 'Invalid query parameter "hasErrors": must be boolean'],
        ["/api/connections/abc", 'Invalid path parameter "id": must be a finite decimal number'],
        ["/api/connections/1.5", 'Invalid path parameter "id": must be integer'],
      ] as const;
      for (const [url, message] of cases) {
        const response = await t.app.inject(url);
        expectErrorShape(response, "invalid_parameter");
        expect(response.json().message, url).toBe(message);
      }
      // Empty numeric values count as absent: the defaults apply.
      expect((await t.app.inject("/api/connections?limit=")).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });

  it("turns a bug into 500 internal, names the request id and logs the error with it", async () => {
    const t = await openTestApi();
    const { logger, errors } = captureLogger();
    const broken = storeWith(t.store, {
      listConnections: async () => {
        throw new Error("disk on fire");
      },
    });
    const app = await buildApi({ store: broken, logger });
    try {
      const response = await app.inject({ url: "/api/connections", headers: { "x-request-id": "trace-42" } });
      expect(response.statusCode).toBe(500);
      expectErrorShape(response, "internal");
      expect(response.headers["x-request-id"]).toBe("trace-42");
      expect(response.json().message).toContain("trace-42");
      // The client sees no internals; the log has them, keyed by the request id.
      expect(response.body).not.toContain("disk on fire");
      expect(errors).toHaveLength(1);
      expect(errors[0]?.object).toMatchObject({
        reqId: "trace-42",
        err: expect.objectContaining({ message: "disk on fire" }),
      });
    } finally {
      await app.close();
      await t.close();
    }
  });

  it("answers 503 with Retry-After, not 500, while the database cannot be reached", async () => {
    const t = await openTestApi();
    const { logger, errors } = captureLogger();
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const down = storeWith(t.store, {
      dataGeneration: async () => {
        throw refused;
      },
      getConnection: async () => {
        throw Object.assign(new Error("terminating connection due to administrator command"), {
          code: "57P01",
        });
      },
    });
    const app = await buildApi({ store: down, logger });
    try {
      for (const url of ["/api/connections", "/api/connections/1"]) {
        const response = await app.inject(url);
        expect(response.statusCode).toBe(503);
        expect(response.headers["retry-after"]).toBe("2");
        expectErrorShape(response, "unavailable");
      }
      // Not a bug: nothing logged at error level.
      expect(errors).toHaveLength(0);
    } finally {
      await app.close();
      await t.close();
    }
  });

  it("echoes the request id on every answer", async () => {
    const t = await openTestApi();
    try {
      const response = await t.app.inject("/healthz");
      expect(response.headers["x-request-id"]).toEqual(expect.any(String));
      expect(response.headers["x-content-type-options"]).toBe("nosniff");
    } finally {
      await t.close();
    }
  });
});
