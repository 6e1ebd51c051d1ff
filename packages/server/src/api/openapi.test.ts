import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ERRORS } from "./errors.js";
import { buildFleet, openTestApi, type TestApi } from "./test-support/test-api.js";

interface Operation {
  responses: Record<
    string,
    { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> }
  >;
  tags?: string[];
  summary?: string;
}
type OpenApi = { openapi: string; paths: Record<string, Record<string, Operation>> };

const METHODS = ["get", "put", "post", "delete", "patch"] as const;

describe("the OpenAPI document at /docs/json", () => {
  let t: TestApi;
  let doc: OpenApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [{ connectionId: 1 }]);
    const response = await t.app.inject("/docs/json");
    expect(response.statusCode).toBe(200);
    doc = response.json() as OpenApi;
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method] !== undefined).map((method) => ({
        path,
        method,
        operation: item[method] as Operation,
      })),
    );

  it("documents the routes product.md names", () => {
    expect(doc.openapi).toBe("3.1.0");
    const documented = operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(documented).toEqual(
      expect.arrayContaining([
        "GET /api/connections",
        "GET /api/connections/{id}",
        "GET /api/connections/{id}/series",
        "PUT /api/connections/{id}/bookmark",
        "DELETE /api/connections/{id}/bookmark",
        "POST /api/connections/{id}/refetch",
        "GET /api/ingest/status",
        "GET /api/events",
        "GET /api/insights/patterns",
        "GET /api/insights/versions",
        "GET /api/insights/error-latency",
        "GET /api/insights/metrics",
        "GET /healthz",
        "GET /readyz",
        "GET /metrics",
      ]),
    );
  });

  it("every documented route exists and answers without a 5xx", async () => {
    for (const { path, method, operation } of operations()) {
      const url = path.replace("{id}", "1").replace("{patternId}", "some-pattern");
      // An event stream never ends by itself: answered as a stream, judged by its status and headers.
      const payloadAsStream = operation.responses["200"]?.content?.["text/event-stream"] !== undefined;
      const fastifyPath = path.replace(/\{(\w+)\}/g, ":$1");
      expect(
        t.app.hasRoute({ method: method.toUpperCase() as "GET", url: fastifyPath }),
        `${method} ${path}`,
      ).toBe(true);
      const response = await t.app.inject({ method: method.toUpperCase() as "GET", url, payloadAsStream });
      if (payloadAsStream) {
        expect(response.headers["content-type"], url).toMatch(/^text\/event-stream/);
        response.stream().destroy();
        continue;
      }
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(500);
      if (response.statusCode === 404) expect(response.json().message).not.toMatch(/^Route /);
    }
  });

  it("documents a JSON error body for every 4xx and 5xx response", () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        const schema = response.content?.["application/json"]?.schema;
        expect(Object.keys(schema?.properties ?? {}).sort(), `${method} ${path} ${status}`).toEqual([
          "error",
          "message",
        ]);
      }
      expect(operation.summary, `${method} ${path}`).toEqual(expect.any(String));
    }
    expect(JSON.stringify(doc)).toContain(Object.keys(API_ERRORS).join('","'));
  });

  it("serves Swagger UI at /docs", async () => {
    const response = await t.app.inject("/docs/");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/text\/html/);
  });
});
