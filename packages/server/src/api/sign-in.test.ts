// Sign-in end to end: Loupe listening on 127.0.0.1, a real OpenID Connect provider (oidc-provider) on
// another port, and a client that follows every redirect with a cookie jar and fills in the provider's
// login and consent forms, as a browser would.

import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthSettings } from "../auth/settings.js";
import { Browser, signIn } from "../auth/test-support/browser.js";
import { type LocalOidcProvider, startLocalOidcProvider } from "../auth/test-support/local-oidc-provider.js";
import { freePort } from "../dev/free-port.js";
import { buildFleet, openTestApi, type TestApi } from "./test-support/test-api.js";
import { makeWebRoot } from "./test-support/web-root.js";

interface Info {
  openAccess: boolean;
  userId: string;
  user: { email: string; name: string | null } | null;
  csrfToken: string | null;
}

describe("sign-in with OpenID Connect", () => {
  let provider: LocalOidcProvider;
  let t: TestApi;
  let root: string;
  let loupe: string;

  beforeAll(async () => {
    const port = await freePort();
    loupe = `http://127.0.0.1:${port}`;
    provider = await startLocalOidcProvider(`${loupe}/auth/callback`);
    const auth: AuthSettings = {
      sessionSecret: "a session secret for the sign-in tests, 32+ bytes",
      publicUrl: loupe,
      oidc: {
        issuer: provider.issuer,
        clientId: provider.clientId,
        clientSecret: provider.clientSecret,
        allowedDomains: ["example.com"],
      },
    };
    root = await makeWebRoot("loupe-sign-in-web-");
    t = await openTestApi({ auth, webRoot: root });
    await buildFleet(t.store, [{ connectionId: 1 }, { connectionId: 2 }, { connectionId: 3 }]);
    await t.app.listen({ host: "127.0.0.1", port });
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
    await rm(root, { recursive: true, force: true });
  });

  const info = async (browser: Browser) => {
    const response = await browser.request(`${loupe}/api/info`);
    return { status: response.status, body: (await response.json()) as Info };
  };
  const bookmarked = async (browser: Browser) => {
    const response = await browser.request(`${loupe}/api/connections?bookmarked=true`);
    const page = (await response.json()) as { items: { connectionId: number }[] };
    return page.items.map((item) => item.connectionId);
  };

  it("signs a user of an allowed domain in, back to where they were, with their own bookmarks", async () => {
    const ada = new Browser();
    expect((await info(ada)).status).toBe(401);
    const landed = await signIn(ada, loupe, "ada@example.com", "/c/2?q=user");
    expect(landed.url).toBe(`${loupe}/c/2?q=user`);
    expect(landed.status).toBe(200);
    expect(landed.body).toContain("<title>Loupe</title>");

    const me = await info(ada);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      openAccess: false,
      userId: "ada@example.com",
      user: { email: "ada@example.com", name: "Tester ada" },
    });
    const csrf = me.body.csrfToken ?? "";
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const put = await ada.request(`${loupe}/api/connections/2/bookmark`, {
      method: "PUT",
      headers: { "x-csrf-token": csrf },
    });
    expect(put.status).toBe(204);
    expect(await bookmarked(ada)).toEqual([2]);

    // Another person, another browser: bookmarks of their own.
    const bob = new Browser();
    await signIn(bob, loupe, "Bob@Example.com");
    expect((await info(bob)).body.userId).toBe("bob@example.com");
    expect(await bookmarked(bob)).toEqual([]);
    const bobCsrf = (await info(bob)).body.csrfToken ?? "";
    await bob.request(`${loupe}/api/connections/3/bookmark`, {
      method: "PUT",
      headers: { "x-csrf-token": bobCsrf },
    });
    expect(await bookmarked(bob)).toEqual([3]);
    expect(await bookmarked(ada)).toEqual([2]);
  });

  it("sets the session cookie signed, HTTP-only and SameSite=Lax", async () => {
    const browser = new Browser();
    await signIn(browser, loupe, "cookie@example.com");
    const session = browser.setCookies.find((header) => header.startsWith("loupe_session="));
    expect(session).toBeDefined();
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).toMatch(/; Max-Age=43200/);
    // Signed: "<id>.<signature>"; and http://, so not Secure (https:// is: cookies.test.ts).
    expect(browser.cookie("127.0.0.1", "loupe_session")).toMatch(/^[A-Za-z0-9_-]{43}\.[A-Za-z0-9+/_-]+$/);
    expect(session).not.toMatch(/Secure/);
    // The sign-in attempt's cookie is gone once used.
    expect(browser.cookie("127.0.0.1", "loupe_sign_in")).toBeUndefined();
  });

  it("refuses a change without the CSRF token, and accepts it with it", async () => {
    const browser = new Browser();
    await signIn(browser, loupe, "csrf@example.com");
    const csrf = (await info(browser)).body.csrfToken ?? "";
    const url = `${loupe}/api/connections/1/bookmark`;
    for (const headers of [{}, { "x-csrf-token": "not-the-token" }] as Record<string, string>[]) {
      for (const method of ["PUT", "DELETE"]) {
        const refused = await browser.request(url, { method, headers });
        expect(refused.status).toBe(403);
        expect(await refused.json()).toMatchObject({ error: "csrf_failed" });
      }
    }
    const refetch = await browser.request(`${loupe}/api/connections/1/refetch`, { method: "POST" });
    expect(refetch.status).toBe(403);
    expect(await bookmarked(browser)).toEqual([]);
    expect((await browser.request(url, { method: "PUT", headers: { "x-csrf-token": csrf } })).status).toBe(
      204,
    );
    expect(await bookmarked(browser)).toEqual([1]);
  });

  it("refuses an account of another domain, and one whose e-mail is not verified", async () => {
    for (const login of ["mallory@evil.example", "eve@example.com.evil.example", "unverified@example.com"]) {
      const browser = new Browser();
      const page = await signIn(browser, loupe, login);
      expect(page.url, login).toMatch(new RegExp(`^${loupe}/auth/callback\\?`));
      expect(page.status, login).toBe(403);
      expect(JSON.parse(page.body), login).toMatchObject({ error: "sign_in_refused" });
      expect(browser.cookie("127.0.0.1", "loupe_session"), login).toBeUndefined();
      expect((await info(browser)).status, login).toBe(401);
    }
  });

  it("signs out: the session ends on the server, also for a copy of the cookie", async () => {
    const browser = new Browser();
    await signIn(browser, loupe, "leaver@example.com");
    const csrf = (await info(browser)).body.csrfToken ?? "";
    const copied = browser.cookieHeader(new URL(loupe));
    expect(copied).toMatch(/loupe_session=/);

    const forged = await browser.request(`${loupe}/auth/logout`, { method: "POST" });
    expect(forged.status).toBe(403);
    expect((await info(browser)).status).toBe(200);

    const out = await browser.request(`${loupe}/auth/logout`, {
      method: "POST",
      headers: { "x-csrf-token": csrf },
    });
    expect(out.status).toBe(204);
    expect(browser.cookie("127.0.0.1", "loupe_session")).toBeUndefined();
    expect((await info(browser)).status).toBe(401);
    const replayed = await fetch(`${loupe}/api/info`, { headers: { cookie: copied } });
    expect(replayed.status).toBe(401);
  });

  it("refuses a callback this browser did not start, or whose state was changed", async () => {
    const stranger = new Browser();
    const orphan = await stranger.navigate(`${loupe}/auth/callback?code=abc&state=xyz`);
    expect(orphan.status).toBe(400);
    expect(JSON.parse(orphan.body)).toMatchObject({ error: "sign_in_failed" });

    // Start a real sign-in, but come back with another state (a forged or replayed answer).
    const browser = new Browser();
    const start = await browser.request(`${loupe}/auth/login`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    expect(authorize.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorize.searchParams.get("nonce")).toMatch(/\S{20,}/);
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${loupe}/auth/callback`);
    const forged = await browser.navigate(`${loupe}/auth/callback?code=abc&state=not-the-state`);
    expect(forged.status).toBe(400);
    expect(JSON.parse(forged.body)).toMatchObject({ error: "sign_in_failed" });
    expect((await info(browser)).status).toBe(401);
  });

  it("never sends anyone to another site after signing in", async () => {
    for (const returnTo of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const page = await signIn(new Browser(), loupe, "ada@example.com", returnTo);
      expect(page.url, returnTo).toBe(`${loupe}/`);
    }
  });
});

describe("sign-in when the provider cannot be reached", () => {
  it("answers 503 unavailable, and API tokens are unaffected", async () => {
    const port = await freePort();
    const t = await openTestApi({
      auth: {
        sessionSecret: "a session secret for the sign-in tests, 32+ bytes",
        publicUrl: "http://127.0.0.1:8080",
        oidc: {
          issuer: `http://127.0.0.1:${port}`,
          clientId: "x",
          clientSecret: "y",
          allowedDomains: ["example.com"],
        },
      },
    });
    try {
      const login = await t.app.inject("/auth/login");
      expect(login.statusCode).toBe(503);
      expect(login.json()).toMatchObject({ error: "unavailable" });
      expect(login.headers["retry-after"]).toBe("2");
    } finally {
      await t.close();
    }
  });
});
