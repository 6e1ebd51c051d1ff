/**
 * Property test: whatever arrives in the path and the query string (random text, unicode, numbers of any
 * size, repeated keys, broken percent-escapes), no answer is a 5xx and every 4xx is the JSON error shape.
 */
import fc from "fast-check";
import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorShape } from "./test-support/assertions.js";
import { clientLog, serverLog } from "./test-support/log-text.js";
import { buildFleet, openTestApi, type TestApi } from "./test-support/test-api.js";

type Method = "GET" | "PUT" | "DELETE" | "POST";

/** Every route, its method, and the query parameters it knows (fuzzed alongside unknown ones). */
const ENDPOINTS: readonly { method: Method; path: string; params: readonly string[] }[] = [
  {
    method: "GET",
    path: "/api/connections",
    params: [
      "q",
      "limit",
      "cursor",
      "version",
      "status",
      "hasErrors",
      "bookmarked",
      "pattern",
      "sort",
      "order",
    ],
  },
  { method: "GET", path: "/api/connections/{id}", params: [] },
  { method: "GET", path: "/api/connections/{id}/series", params: ["maxPoints", "from", "to", "format"] },
  { method: "PUT", path: "/api/connections/{id}/bookmark", params: [] },
  { method: "DELETE", path: "/api/connections/{id}/bookmark", params: [] },
  { method: "POST", path: "/api/connections/{id}/refetch", params: [] },
  { method: "GET", path: "/api/ingest/status", params: [] },
  { method: "GET", path: "/api/insights/patterns", params: ["limit"] },
  { method: "GET", path: "/api/insights/patterns/{id}/connections", params: ["limit"] },
  { method: "GET", path: "/api/insights/versions", params: [] },
  { method: "GET", path: "/api/insights/error-latency", params: [] },
  { method: "GET", path: "/api/insights/metrics", params: [] },
  { method: "GET", path: "/api/info", params: [] },
  { method: "GET", path: "/healthz", params: [] },
  { method: "GET", path: "/readyz", params: [] },
];

/** Text as it arrives: already percent-encoded (so broken escapes and raw `%` reach the server). */
const rawSegment = fc.constantFrom("%", "%zz", "%E0%A4%A", "%00", "..", "%2F", "%2e%2e", "%FF%FE", "%C0%AF");

const scalar = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.integer().map(String),
  fc.integer({ min: -1, max: 2001 }).map(String),
  fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String),
  fc.double().map(String),
  fc.constantFrom("", " ", "0", "-0", "1e400", "-1e400", "NaN", "Infinity", "0x10", "1_000", "true", "false"),
  fc.constantFrom(
    "lastUpdated",
    "errors",
    "medianLatency",
    "asc",
    "desc",
    "ok",
    "pending",
    "columns",
    "points",
  ),
  fc.constantFrom("%", "_", "%%", "\\", "'", '"', "\u0000", "💥", "ß", "İ", "a".repeat(5000)),
);

const encoded = fc.oneof(
  { weight: 4, arbitrary: scalar.map(encodeURIComponent) },
  { weight: 1, arbitrary: rawSegment },
);

const request = fc.record({
  endpoint: fc.constantFrom(...ENDPOINTS),
  id: fc.oneof(encoded, fc.constantFrom("1", "2", "3", "999", "-1", "0", "9007199254740993")),
  known: fc.array(fc.tuple(fc.nat(), fc.array(encoded, { minLength: 1, maxLength: 3 })), { maxLength: 6 }),
  unknown: fc.array(fc.tuple(fc.string().map(encodeURIComponent), encoded), { maxLength: 2 }),
});

type RequestInput = typeof request extends fc.Arbitrary<infer T> ? T : never;

function toInject({ endpoint, id, known, unknown }: RequestInput): InjectOptions {
  const pairs: string[] = [];
  for (const [index, values] of known) {
    const name = endpoint.params[index % Math.max(1, endpoint.params.length)];
    if (name === undefined) continue;
    // Several values make a repeated key: ?limit=1&limit=2.
    for (const value of values) pairs.push(`${name}=${value}`);
  }
  for (const [name, value] of unknown) pairs.push(`${name}=${value}`);
  const path = endpoint.path.replace("{id}", id);
  return { method: endpoint.method, url: pairs.length === 0 ? path : `${path}?${pairs.join("&")}` };
}

describe("fuzzing every endpoint's path and query parameters", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [
      {
        connectionId: 1,
        client: clientLog([0.1, 0.5, 0.2], [[36010, "ERROR", "Socket 1 closed"]]),
        server: serverLog([0.01]),
      },
      { connectionId: 2, username: "a%b_c@example.com", client: "pending", server: { missing: 404 } },
      { connectionId: 3, username: null, version: null },
    ]);
  });
  afterAll(() => t.close());

  it("never answers 5xx, and every 4xx is JSON { error, message }", async () => {
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const options = toInject(input);
        const response = await t.app.inject(options);
        const label = `${options.method} ${String(options.url)} → ${response.statusCode} ${response.body.slice(0, 200)}`;
        expect(response.statusCode, label).toBeLessThan(500);
        if (response.statusCode >= 400) expectErrorShape(response);
        else if (response.statusCode === 200) expect(() => response.json(), label).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
