// Who gets in, with sign-in configured: API tokens (scopes, revocation), the session cookie with its
// CSRF token, and what stays open. The sign-in itself (OIDC) is tested end to end in auth/oidc.e2e.test.ts.
import { rm } from "node:fs/promises";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authPlugin, requireScope } from "../auth/auth-plugin.js";
import { hashSecret, issueToken } from "../auth/tokens.js";
import { expectErrorShape } from "./test-support/assertions.js";
import { buildFleet, openTestApi, type TestApi, TOKENS_ONLY_AUTH } from "./test-support/test-api.js";
import { makeWebRoot } from "./test-support/web-root.js";

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("with sign-in configured", () => {
  let t: TestApi;
  let root: string;
  const tokens: Record<"read" | "ingest" | "both" | "revoked", string> = {
    read: "",
    ingest: "",
    both: "",
    revoked: "",
  };

  beforeAll(async () => {
    root = await makeWebRoot("loupe-auth-web-");
    t = await openTestApi({ auth: TOKENS_ONLY_AUTH, webRoot: root });
    await buildFleet(t.store, [{ connectionId: 1 }, { connectionId: 2 }]);
    tokens.read = (await issueToken(t.store, { name: "reader", scopes: ["read"] })).token;
    tokens.ingest = (await issueToken(t.store, { name: "uploader", scopes: ["ingest"] })).token;
    tokens.both = (await issueToken(t.store, { name: "both", scopes: ["read", "ingest"] })).token;
    const revoked = await issueToken(t.store, { name: "old", scopes: ["read"] });
    tokens.revoked = revoked.token;
    await t.store.revokeApiToken(revoked.record.id, Date.now());
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it("answers 401 with a Bearer challenge to a request without credentials", async () => {
    const response = await t.app.inject("/api/connections");
    expect(response.statusCode).toBe(401);
    expectErrorShape(response, "unauthenticated");
    expect(response.headers["www-authenticate"]).toBe('Bearer realm="loupe"');
  });

  it("lets a read token read, and tells it that access is not open", async () => {
    const list = await t.app.inject({ url: "/api/connections", headers: bearer(tokens.read) });
    expect(list.statusCode).toBe(200);
    expect(list.json().total).toBe(2);
    const both = await t.app.inject({ url: "/api/connections/1", headers: bearer(tokens.both) });
    expect(both.statusCode).toBe(200);
    const info = await t.app.inject({ url: "/api/info", headers: bearer(tokens.read) });
    expect(info.json()).toMatchObject({ openAccess: false, user: null, csrfToken: null });
    expect(info.json().userId).toMatch(/^token:\d+$/);
  });

  it("refuses malformed, unknown and revoked tokens with 401 invalid_token", async () => {
    const unknown = `loupe_${"A".repeat(43)}`;
    for (const authorization of [
      `Bearer ${tokens.revoked}`,
      `Bearer ${unknown}`,
      "Bearer nope",
      "Bearer",
      "bearer  ",
    ]) {
      const response = await t.app.inject({ url: "/api/connections", headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
      expectErrorShape(response, "invalid_token");
      expect(response.headers["www-authenticate"]).toMatch(/error="invalid_token"/);
    }
  });

  it("leaves other schemes alone (a proxy's Basic authentication passed along): the cookie decides", async () => {
    const response = await t.app.inject({
      url: "/api/connections",
      headers: { authorization: "Basic YTpi" },
    });
    expectErrorShape(response, "unauthenticated");
  });

  it("answers 403 insufficient_scope to a token without the route's scope", async () => {
    for (const request of [
      { method: "GET" as const, url: "/api/connections" },
      { method: "PUT" as const, url: "/api/connections/1/bookmark" },
      { method: "POST" as const, url: "/api/connections/1/refetch" },
    ]) {
      const response = await t.app.inject({ ...request, headers: bearer(tokens.ingest) });
      expect(response.statusCode, request.url).toBe(403);
      expectErrorShape(response, "insufficient_scope");
      expect(response.headers["www-authenticate"]).toMatch(/error="insufficient_scope", scope="read"/);
    }
    expect(t.ingest.requeued).toEqual([]);
  });

  it("guards /metrics and /docs with the read scope; leaves the probes and the page open", async () => {
    for (const url of ["/metrics", "/docs/json", "/docs/"]) {
      expect((await t.app.inject(url)).statusCode, url).toBe(401);
      expect((await t.app.inject({ url, headers: bearer(tokens.ingest) })).statusCode, url).toBe(403);
      expect((await t.app.inject({ url, headers: bearer(tokens.read) })).statusCode, url).toBe(200);
    }
    for (const url of ["/healthz", "/readyz", "/", "/assets/app-1a2b3c.js", "/c/1"]) {
      expect((await t.app.inject(url)).statusCode, url).toBe(200);
    }
  });

  it("keeps bookmarks per caller, and lets tokens change things without a CSRF header", async () => {
    const put = await t.app.inject({
      method: "PUT",
      url: "/api/connections/2/bookmark",
      headers: bearer(tokens.read),
    });
    expect(put.statusCode).toBe(204);
    const mine = await t.app.inject({
      url: "/api/connections?bookmarked=true",
      headers: bearer(tokens.read),
    });
    expect(mine.json().items.map((i: { connectionId: number }) => i.connectionId)).toEqual([2]);
    const theirs = await t.app.inject({
      url: "/api/connections?bookmarked=true",
      headers: bearer(tokens.both),
    });
    expect(theirs.json().items).toEqual([]);
    const detail = await t.app.inject({ url: "/api/connections/2", headers: bearer(tokens.both) });
    expect(detail.json().bookmarked).toBe(false);
  });

  it("records when a token was last used", async () => {
    const before = Date.now();
    const { token, record } = await issueToken(t.store, { name: "fresh", scopes: ["read"] });
    expect(record.lastUsedAt).toBeNull();
    await t.app.inject({ url: "/api/ingest/status", headers: bearer(token) });
    await expect
      .poll(async () => (await t.store.findApiToken(hashSecret(token)))?.lastUsedAt)
      .toBeGreaterThanOrEqual(before);
  });

  describe("a signed-in session (cookie)", () => {
    const sessionId = "a-session-id-of-enough-entropy-for-a-test";
    let cookie: string;
    const csrfToken = "csrf-token-for-this-session";

    beforeAll(async () => {
      await t.store.createSession(hashSecret(sessionId), {
        userId: "ada@example.com",
        email: "Ada@example.com",
        name: "Ada Lovelace",
        csrfToken,
        createdAt: Date.now(),
        expiresAt: Date.now() + 60_000,
      });
      cookie = `loupe_session=${t.app.signCookie(sessionId)}`;
    });

    it("reads, and is told who is signed in and its CSRF token", async () => {
      const info = await t.app.inject({ url: "/api/info", headers: { cookie } });
      expect(info.statusCode).toBe(200);
      expect(info.json()).toEqual({
        openAccess: false,
        userId: "ada@example.com",
        user: { email: "Ada@example.com", name: "Ada Lovelace" },
        csrfToken,
      });
      const behindBasic = await t.app.inject({
        url: "/api/info",
        headers: { cookie, authorization: "Basic YTpi" },
      });
      expect(behindBasic.json().userId).toBe("ada@example.com");
    });

    it("is refused when the cookie is unsigned, forged or names no session", async () => {
      for (const bad of [
        `loupe_session=${sessionId}`,
        `loupe_session=${sessionId}.forgedsignature`,
        `loupe_session=${t.app.signCookie("no-such-session")}`,
      ]) {
        const response = await t.app.inject({ url: "/api/info", headers: { cookie: bad } });
        expect(response.statusCode, bad).toBe(401);
        expectErrorShape(response, "unauthenticated");
      }
    });

    it("needs the CSRF header to change anything", async () => {
      for (const method of ["PUT", "DELETE"] as const) {
        const url = "/api/connections/1/bookmark";
        for (const headers of [{ cookie }, { cookie, "x-csrf-token": "wrong" }]) {
          const refused = await t.app.inject({ method, url, headers });
          expect(refused.statusCode, method).toBe(403);
          expectErrorShape(refused, "csrf_failed");
        }
        const done = await t.app.inject({ method, url, headers: { cookie, "x-csrf-token": csrfToken } });
        expect(done.statusCode, method).toBe(204);
      }
      const refetch = await t.app.inject({
        method: "POST",
        url: "/api/connections/1/refetch",
        headers: { cookie },
      });
      expectErrorShape(refetch, "csrf_failed");
    });

    it("has bookmarks of its own", async () => {
      const headers = { cookie, "x-csrf-token": csrfToken };
      await t.app.inject({ method: "PUT", url: "/api/connections/1/bookmark", headers });
      const list = await t.app.inject({ url: "/api/connections?bookmarked=true", headers: { cookie } });
      expect(list.json().items.map((i: { connectionId: number }) => i.connectionId)).toEqual([1]);
    });
  });

  it("lets loupe serve's own warm-up requests in, with a secret of this process", async () => {
    const headers = t.app.loupeAuth.warmUpHeaders;
    expect(headers.authorization).toMatch(/^Bearer \S{43}$/);
    expect((await t.app.inject({ url: "/api/info", headers })).json()).toMatchObject({ userId: "local" });
    const another = await openTestApi({ auth: TOKENS_ONLY_AUTH });
    try {
      expect((await another.app.inject({ url: "/api/info", headers })).statusCode).toBe(401);
    } finally {
      await another.close();
    }
  });
});

describe("without sign-in configured (open access)", () => {
  it("lets everyone in, whatever credentials they send", async () => {
    const t = await openTestApi();
    try {
      expect((await t.app.inject("/api/connections")).statusCode).toBe(200);
      const odd = await t.app.inject({ url: "/api/connections", headers: { authorization: "Bearer nope" } });
      expect(odd.statusCode).toBe(200);
      expect((await t.app.inject("/metrics")).statusCode).toBe(200);
      expect(t.app.loupeAuth.warmUpHeaders).toEqual({});
    } finally {
      await t.close();
    }
  });
});

describe("the guard fails closed", () => {
  it("refuses to start with an /api route that declares no scope", async () => {
    const app = Fastify().withTypeProvider<TypeBoxTypeProvider>();
    await app.register(authPlugin, { store: {} as never, settings: TOKENS_ONLY_AUTH });
    const registering = app.register(
      async (api) => {
        api.get("/guarded", { onRequest: requireScope("read") }, async () => "ok");
        api.get("/forgotten", async () => "oops");
      },
      { prefix: "/api" },
    );
    await expect(registering).rejects.toThrow(/GET \/api\/forgotten declares no scope/);
  });
});
