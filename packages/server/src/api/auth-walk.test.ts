// The security acceptance test of issue 5: with sign-in configured, every route the OpenAPI document
// lists refuses a caller without credentials (or with bad ones), except the health checks; and no route
// outside the document is open unless it is one of the few that must be.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthSettings } from "../auth/settings.js";
import { issueToken } from "../auth/tokens.js";
import { redirectMount } from "../demo-redirect.js";
import { buildFleet, openTestApi, type TestApi, TOKENS_ONLY_AUTH } from "./test-support/test-api.js";
import { makeWebRoot } from "./test-support/web-root.js";

type OpenApi = { paths: Record<string, Record<string, unknown>> };
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"] as const;
const OPEN_BY_DESIGN = new Set(["GET /healthz", "GET /readyz"]);

const WITH_OIDC: AuthSettings = {
  ...TOKENS_ONLY_AUTH,
  // Never reached: the walk does not sign in.
  oidc: {
    issuer: "http://127.0.0.1:9",
    clientId: "loupe",
    clientSecret: "secret",
    allowedDomains: ["example.com"],
  },
};
const SIGN_IN_ROUTES = [
  "GET /auth/login",
  "HEAD /auth/login",
  "GET /auth/callback",
  "HEAD /auth/callback",
  "POST /auth/logout",
];

describe.each([
  { label: "API tokens only", auth: TOKENS_ONLY_AUTH, alsoOpen: [] as string[] },
  { label: "OpenID Connect sign-in", auth: WITH_OIDC, alsoOpen: SIGN_IN_ROUTES },
])("with $label configured, every documented route refuses anonymous callers", ({ auth, alsoOpen }) => {
  let t: TestApi;
  let root: string;
  let doc: OpenApi;

  beforeAll(async () => {
    root = await makeWebRoot("loupe-walk-web-");
    t = await openTestApi({
      auth,
      webRoot: root,
      mounts: [redirectMount("/demo-bucket/", "http://127.0.0.1:9/")],
    });
    await buildFleet(t.store, [{ connectionId: 1, client: "x", server: "y" }]);
    const { token } = await issueToken(t.store, { name: "walker", scopes: ["read"] });
    const response = await t.app.inject({ url: "/docs/json", headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    doc = response.json() as OpenApi;
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((method) => item[method] !== undefined).map((method) => ({
        method: method.toUpperCase() as "GET",
        path,
        url: path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "id" ? "1" : "some-value")),
      })),
    );

  it("documents the API, its probes and metrics", () => {
    const documented = operations().map(({ method, path }) => `${method} ${path}`);
    expect(documented.length).toBeGreaterThan(15);
    expect(documented).toEqual(expect.arrayContaining([...OPEN_BY_DESIGN, "GET /metrics", "GET /api/info"]));
    for (const { method, path } of operations()) {
      const operation = doc.paths[path]?.[method.toLowerCase()] as {
        security?: unknown;
        responses: Record<string, unknown>;
      };
      if (OPEN_BY_DESIGN.has(`${method} ${path}`)) {
        expect(operation.security, path).toBeUndefined();
        continue;
      }
      expect(operation.security, path).toEqual([{ bearerToken: [] }, { sessionCookie: [] }]);
      expect(Object.keys(operation.responses), path).toEqual(expect.arrayContaining(["401", "403"]));
    }
  });

  for (const [label, headers] of [
    ["no credentials", {}],
    ["a malformed token", { authorization: "Bearer loupe_nope" }],
    ["an unknown token", { authorization: `Bearer loupe_${"x".repeat(43)}` }],
    ["a forged session cookie", { cookie: "loupe_session=abc.def" }],
  ] as const) {
    it(`answers 401 to every route but the health checks, with ${label}`, async () => {
      for (const { method, path, url } of operations()) {
        const response = await t.app.inject({ method, url, headers });
        const name = `${method} ${path}`;
        if (OPEN_BY_DESIGN.has(name)) {
          expect(response.statusCode, name).toBe(200);
          continue;
        }
        expect(response.statusCode, `${name}: ${response.body}`).toBe(401);
        expect(response.json().error).toMatch(/^(unauthenticated|invalid_token)$/);
        // The same for the HEAD twin of a GET route.
        if (method === "GET")
          expect((await t.app.inject({ method: "HEAD", url, headers })).statusCode, name).toBe(401);
      }
    });
  }

  it("leaves open only the probes, the page's files, the demo bucket's mount and signing in", () => {
    const open = t.app.loupeAuth.routes
      .filter((route) => route.access === "public")
      .map((route) => `${route.method} ${route.url}`);
    expect(new Set(open)).toEqual(
      new Set([
        "GET /healthz",
        "HEAD /healthz",
        "GET /readyz",
        "HEAD /readyz",
        "GET /demo-bucket/*",
        "HEAD /demo-bucket/*",
        "GET /*",
        "HEAD /*",
        ...alsoOpen,
      ]),
    );
    for (const route of t.app.loupeAuth.routes) {
      if (route.url.startsWith("/api/") || route.url.startsWith("/docs") || route.url === "/metrics")
        expect(route.access, `${route.method} ${route.url}`).toBe("read");
    }
  });
});
