/**
 * Sign-in as a colleague meets it in Chromium: `loupe serve` with OpenID Connect configured, a local
 * provider (oidc-provider) with its development login and consent pages, and the page going from
 * "Sign in" to the dashboard (with who is signed in and Sign out), bookmarking with its CSRF header, and
 * back to "Sign in" after signing out.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalOidcProvider,
  startLocalOidcProvider,
} from "../../server/src/auth/test-support/local-oidc-provider.js";
import { freePort } from "../../server/src/dev/free-port.js";
import {
  type LoupeServer,
  launchBrowser,
  see,
  startLoupe,
  visible,
  waitForRows,
  withPage,
} from "./support/loupe-browser.js";

let provider: LocalOidcProvider;
let server: LoupeServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startLocalOidcProvider(`${base}/auth/callback`);
  [server, browser] = await Promise.all([
    startLoupe(
      [
        "--port",
        String(port),
        "--demo-count",
        "30",
        "--public-url",
        base,
        "--oidc-issuer",
        provider.issuer,
        "--oidc-client-id",
        provider.clientId,
        "--oidc-allowed-domain",
        "example.com",
      ],
      {
        LOUPE_OIDC_CLIENT_SECRET: provider.clientSecret,
        LOUPE_SESSION_SECRET: "a session secret for the browser tests, 32+ bytes",
      },
    ),
    launchBrowser(),
  ]);
  expect(server.url).toBe(base);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.close();
});

// Signed out, the page's first requests answer 401, which Chromium logs as failed loads.
const allowConsole = /status of 401/;

describe("sign-in in the browser", () => {
  it("offers Sign in, signs in through the provider, bookmarks with the CSRF header, and signs out", async () => {
    await withPage(
      browser,
      async (page) => {
        // The provider's development pages load a web font; this machine has no Internet.
        await page.route(/^https:\/\/fonts\.googleapis\.com\//, (route) =>
          route.fulfill({ status: 200, contentType: "text/css", body: "" }),
        );
        await page.goto(`${base}/?sort=errors`);
        await visible(page.getByRole("heading", { name: "Sign in to Loupe" }));
        await see.count(page.getByText("Open access")).toBe(0);

        await page.getByRole("link", { name: "Sign in" }).click();
        await page.waitForURL((url) => url.origin === provider.issuer);
        await page.locator('input[name="login"]').fill("ada@example.com");
        await page.locator('input[name="password"]').fill("any password");
        await page.locator('button[type="submit"]').click();
        // The provider's consent page, then back to the very view we started from.
        await page.locator('button[type="submit"]').click();
        await page.waitForURL((url) => url.origin === base);
        expect(new URL(page.url()).searchParams.get("sort")).toBe("errors");
        await waitForRows(page);
        await visible(page.getByText("Tester ada"));
        await see.count(page.getByText("Open access")).toBe(0);

        const star = page.locator('button[aria-label^="Bookmark connection"]').first();
        const saved = page.waitForResponse(
          (r) => r.url().includes("/bookmark") && r.request().method() === "PUT",
        );
        await star.click();
        const response = await saved;
        expect(response.status()).toBe(204);
        expect(response.request().headers()["x-csrf-token"]).toMatch(/^[A-Za-z0-9_-]{43}$/);
        await see.attribute(star, "aria-pressed").toBe("true");

        await page.getByRole("button", { name: "Sign out" }).click();
        await visible(page.getByRole("heading", { name: "Sign in to Loupe" }));
        const after = await page.request.get(`${base}/api/info`);
        expect(after.status()).toBe(401);
      },
      { allowConsole },
    );
  });
});
