import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOCS_CSP, PAGE_CSP } from "./security-headers.js";
import { openTestApi, type TestApi } from "./test-support/test-api.js";
import { makeWebRoot } from "./test-support/web-root.js";

/** The policy as a map of directive → sources, so a test reads like the policy it checks. */
function directives(policy: string | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const part of (policy ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) result[name] = sources.join(" ");
  }
  return result;
}

describe("security headers", () => {
  let t: TestApi;
  let root: string;

  beforeAll(async () => {
    root = await makeWebRoot("loupe-headers-");
    t = await openTestApi({
      webRoot: root,
      mounts: [
        {
          prefix: "/demo-bucket/",
          // A raw handler hijacks the reply: Fastify's onSend hooks never see it.
          handle: (_req, res) => {
            res.setHeader("content-type", "text/plain");
            res.end("a log");
            return true;
          },
        },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it("the page's policy is strict: own origin only, no inline script or style, no framing", () => {
    expect(directives(PAGE_CSP)).toEqual({
      "default-src": "'self'",
      "script-src": "'self'",
      "style-src": "'self'",
      "img-src": "'self' data:",
      "connect-src": "'self'",
      "object-src": "'none'",
      "frame-ancestors": "'none'",
      "base-uri": "'none'",
      "form-action": "'self'",
    });
    expect(PAGE_CSP).not.toContain("unsafe");
  });

  it("every kind of response carries the policy and the other headers", async () => {
    const urls = [
      "/", // the page
      "/?q=noah&open=28770", // a deep link (single-page fallback)
      "/assets/app-1a2b3c.js", // a static asset
      "/assets/missing.js", // a missing file (404 JSON)
      "/api/connections", // the API
      "/api/connections/999", // an API error (404 JSON)
      "/api/connections?limit=0", // a validation error (400)
      "/api/connections/%zz", // a URL the router cannot decode (Fastify's frameworkErrors)
      "/api/nope", // an unknown route
      "/demo-bucket/client1.txt", // a raw mount that hijacks the reply
      "/healthz",
      "/metrics",
    ];
    for (const url of urls) {
      const response = await t.app.inject(url);
      const headers = response.headers;
      expect(headers["content-security-policy"], url).toBe(PAGE_CSP);
      expect(headers["x-content-type-options"], url).toBe("nosniff");
      expect(headers["referrer-policy"], url).toBe("no-referrer");
      expect(headers["cross-origin-opener-policy"], url).toBe("same-origin");
      expect(headers["x-frame-options"], url).toBe("DENY");
      expect(headers["cross-origin-resource-policy"], url).toBe("same-origin");
    }
  });

  it("sends every header helmet sends by default, as strict or stricter, but HSTS (the TLS proxy's)", async () => {
    // helmet 8's defaults, and what this plugin sends instead where it differs.
    const helmetDefaults: Record<string, string> = {
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-resource-policy": "same-origin",
      "origin-agent-cluster": "?1",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
      "x-dns-prefetch-control": "off",
      "x-download-options": "noopen",
      "x-frame-options": "DENY", // helmet: SAMEORIGIN
      "x-permitted-cross-domain-policies": "none",
      "x-xss-protection": "0",
    };
    const response = await t.app.inject("/api/connections");
    for (const [name, value] of Object.entries(helmetDefaults))
      expect(response.headers[name], name).toBe(value);
    const csp = directives(response.headers["content-security-policy"] as string);
    // helmet's CSP allows inline styles, https: fonts and framing by the same origin; this one none of that.
    expect(csp["style-src"]).toBe("'self'");
    expect(csp["frame-ancestors"]).toBe("'none'");
    expect(csp["object-src"]).toBe("'none'");
    expect(csp["base-uri"]).toBe("'none'");
    expect(response.headers["strict-transport-security"]).toBeUndefined();
  });

  it("Swagger UI at /docs may use inline styles, and nothing else is loosened", async () => {
    const loosened = { ...directives(PAGE_CSP), "style-src": "'self' 'unsafe-inline'" };
    expect(directives(DOCS_CSP)).toEqual(loosened);
    for (const url of ["/docs", "/docs/", "/docs/json", "/docs/static/swagger-ui.css"]) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBeLessThan(400);
      expect(response.headers["content-security-policy"], url).toBe(DOCS_CSP);
      expect(response.headers["referrer-policy"], url).toBe("no-referrer");
    }
    // A path that merely starts with "docs" is not Swagger UI's.
    expect((await t.app.inject("/docsx")).headers["content-security-policy"]).toBe(PAGE_CSP);
  });

  it("one header of each, not duplicates", async () => {
    const response = await t.app.inject("/api/connections");
    for (const name of ["content-security-policy", "x-content-type-options", "referrer-policy"]) {
      expect(typeof response.headers[name], name).toBe("string");
    }
  });
});
