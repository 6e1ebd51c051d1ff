/**
 * The dashboard on a small hand-written fleet, served from a tiny object store on 127.0.0.1 (the
 * operator's manifest is trusted, so loopback is an allowed source): usernames and log lines that carry
 * HTML must be shown as text and never run, and every way a log can be missing must be said in words.
 */

import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ConnectionPageJson,
  getJson,
  type LoupeServer,
  launchBrowser,
  renderedRowIds,
  runLoupe,
  see,
  startLoupe,
  visible,
  waitForRows,
  waitUntil,
  withPage,
} from "./support/loupe-browser.js";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = '<script>window.__pwned = true; alert("pwned")</script>';
const XSS_USER = `${IMG}@evil.example`;
const SCRIPT_USER = `${SCRIPT}@evil.example`;

/** `HH:MM:SS:ffffff | LEVEL   | file.c          | fn:1 | message`, one entry per second from 10:00:00. */
function logText(lines: readonly [level: string, message: string][]): string {
  return `${lines
    .map(([level, message], i) => {
      const s = 36_000 + i;
      const hh = String(Math.floor(s / 3600)).padStart(2, "0");
      const mm = String(Math.floor(s / 60) % 60).padStart(2, "0");
      const ss = String(s % 60).padStart(2, "0");
      return `${hh}:${mm}:${ss}:000000 | ${level.padEnd(7)} | test.c          | run:1 | ${message}`;
    })
    .join("\n")}\n`;
}

const metricLines = (name: string, values: readonly number[]): [string, string][] =>
  values.map((v) => ["INFO", `${name}: ${v}`]);

const OBJECTS: Readonly<Record<string, string>> = {
  "/logs/client-html.txt": logText([
    ...metricLines("Latency", [0.031, 0.034, 0.052, 0.029]),
    ...metricLines("Avg Decode Time", [0.004, 0.0042, 0.0039]),
    ["ERROR", `Renderer said ${IMG}`],
    ["WARNING", `${SCRIPT} in the clipboard`],
    ["INFO", "<b>bold</b> &amp; <i>entities</i> stay as typed"],
  ]),
  "/logs/server-ok.txt": logText([
    ...metricLines("Average Encode Time", [0.0048, 0.0051, 0.0047]),
    ...metricLines("Average Encode Size", [51234, 49876, 60210]),
    ["ERROR", `Encoder failed near ${IMG}`],
  ]),
  "/logs/client-empty.txt": "",
};
/** Answers 404: the object is missing at the source. */
const MISSING = "/logs/server-gone.txt";
/**
 * Answers 401: a failure retrying cannot fix, so the log is "temporarily unavailable" at once (a 503 would
 * be retried with backoff for minutes first), with the reason and a Retry button.
 */
const LOCKED = "/logs/server-locked.txt";

let store: Server;
let server: LoupeServer;
let browser: Browser;
let base: string;
let dir: string;
let origin: string;

beforeAll(async () => {
  store = createServer((req, res) => {
    const path = req.url ?? "";
    const body = OBJECTS[path];
    if (body !== undefined) {
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end(body);
    } else if (path === LOCKED) {
      res.writeHead(401).end("sign in first");
    } else {
      res.writeHead(404).end("no such object");
    }
  });
  await new Promise<void>((resolve) => store.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(store.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), "loupe-fixture-"));
  const manifest = join(dir, "manifest.json");
  await writeFile(
    manifest,
    JSON.stringify([
      {
        connection_id: 101,
        username: XSS_USER,
        ip: "203.0.113.10",
        last_updated: "06/30/2020, 21:02",
        version: "e2cd777-1B1D1F08",
        client_logs: `${origin}/logs/client-html.txt`,
        server_logs: `${origin}/logs/server-ok.txt`,
      },
      {
        connection_id: 102,
        username: "carol@example.com",
        ip: "203.0.113.11",
        last_updated: "06/30/2020, 20:02",
        version: "e2cd777-1B1D1F08",
        client_logs: null,
        server_logs: `${origin}${MISSING}`,
      },
      {
        connection_id: 103,
        username: SCRIPT_USER,
        ip: "203.0.113.12",
        last_updated: "06/30/2020, 19:02",
        version: null,
        client_logs: `${origin}/logs/client-empty.txt`,
        server_logs: `${origin}${LOCKED}`,
      },
    ]),
  );
  [server, browser] = await Promise.all([startLoupe(["--manifest", manifest]), launchBrowser()]);
  base = server.url;
  // Every log has reached its final state.
  await waitUntil(
    () => getJson<ConnectionPageJson>(`${base}/api/connections?limit=10`),
    (page) =>
      page.total === 3 &&
      page.items.every((c) => c.client.status !== "pending" && c.server.status !== "pending"),
    30_000,
    "fixture ingestion",
  );
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => store?.close(resolve));
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Text nothing on the page turned into markup: no element the payloads would have created exists. */
async function expectNoInjectedMarkup(page: Page): Promise<void> {
  const injected = await page.evaluate(() => ({
    images: document.querySelectorAll('img[src="x"]').length,
    scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes("__pwned")).length,
    bold: document.querySelectorAll("b, i").length,
    pwned: (window as { __pwned?: boolean }).__pwned ?? false,
  }));
  expect(injected).toEqual({ images: 0, scripts: 0, bold: 0, pwned: false });
}

async function openConnection(page: Page, id: number): Promise<void> {
  await page.locator(`#connection-row-${id}`).click();
  await see.url(page, "open").toBe(String(id));
  await visible(page.getByRole("heading", { name: new RegExp(`Connection ${id}`) }));
}

describe("the dashboard on a small fixture fleet", () => {
  it("shows usernames and log lines that contain HTML as text, and nothing in them runs", async () => {
    await withPage(browser, async (page, watched) => {
      await page.goto(base);
      await waitForRows(page);
      expect((await renderedRowIds(page)).sort()).toEqual([101, 102, 103]);
      // The usernames, literally, in the table.
      await visible(page.locator("#connection-row-101").getByText(XSS_USER, { exact: true }));
      await visible(page.locator("#connection-row-103").getByText(SCRIPT_USER, { exact: true }));

      await openConnection(page, 101);
      await visible(page.locator(".detail-title").getByText(XSS_USER, { exact: true }));
      // The raw log viewer shows the lines as written.
      await visible(page.getByText(`Renderer said ${IMG}`, { exact: false }).first());
      await visible(page.getByText(`${SCRIPT} in the clipboard`, { exact: false }).first());
      // The fleet's patterns show the masked message as text too.
      await page.getByRole("region", { name: "Fleet insights" }).scrollIntoViewIfNeeded();
      await visible(
        page.getByRole("button", { name: "Renderer said <img src=x onerror=alert(<num>)>", exact: true }),
      );

      // Searching for markup is just text as well.
      const box = page.getByLabel("Search connections");
      await box.fill("<script>");
      await box.press("Enter");
      await see.url(page, "q").toBe("<script>");
      await expect.poll(() => renderedRowIds(page)).toEqual([103]);

      await expectNoInjectedMarkup(page);
      expect(watched.dialogs()).toEqual([]);
    });
  });

  it("a connection with a missing log says which log and why", async () => {
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);

      await openConnection(page, 102);
      const detail = page.getByRole("region", { name: "Connection detail" });
      const server = detail.locator("article.log-card", { hasText: "Server log" });
      await see.text(server).toContain("Missing at the source");
      await see.text(server).toContain("HTTP 404");
      const client = detail.locator("article.log-card", { hasText: "Client log" });
      await see.text(client).toContain("Not uploaded");
      // Where the server log's charts would be, the same words: never an empty chart.
      const charts = detail.locator('[aria-label*="Encode time chart"]');
      await see.text(charts).toMatch(/missing at the source/i);
      await see.text(charts).toContain("HTTP 404");
      await see.text(detail.locator('[aria-label*="Latency chart"]')).toMatch(/no client log/i);

      await openConnection(page, 103);
      const empty = detail.locator("article.log-card", { hasText: "Client log" });
      await see.text(empty).toContain("Not a log file");
      const locked = detail.locator("article.log-card", { hasText: "Server log" });
      await see.text(locked).toContain("Temporarily unavailable");
      await see.text(locked).toContain("HTTP 401");
      await visible(locked.getByRole("button", { name: /Retry/ }));
      // The table says it too, per log, in words a screen reader hears.
      await see.text(page.locator("#connection-row-102")).toContain("Server log: missing at the source");
    });
  });

  it("the fleet insights of a tiny fleet: users, patterns, one version, and a scatter of the one client log", async () => {
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      // The strip's users are all three connections' users, though only one has a client log (one dot).
      await see.text(page.locator(".tile", { hasText: "Users" }).locator(".tile-value")).toBe("3");
      const insights = page.getByRole("region", { name: "Fleet insights" });
      await insights.scrollIntoViewIfNeeded();
      await see.count(page.locator(".patterns-table tbody tr")).toBe(3);
      // 101's pattern reaches one of three connections.
      await see.text(page.locator(".patterns-table tbody tr", { hasText: "Renderer said" })).toContain("33%");
      await see
        .count(page.getByLabel("Errors vs latency chart", { exact: true }).locator("circle.dot"))
        .toBe(1);
      // The one dot's tooltip names the user, as text.
      await see
        .text(page.getByLabel("Errors vs latency chart", { exact: true }).locator("circle.dot title"))
        .toContain(XSS_USER);
      await page
        .getByRole("button", { name: "Encoder failed near <img src=x onerror=alert(<num>)>" })
        .click();
      await see.url(page, "pattern").not.toBeNull();
      await expect.poll(() => renderedRowIds(page)).toEqual([101]);
      await expectNoInjectedMarkup(page);
    });
  });

  // Last: it adds a fourth connection, which the tests above do not expect.
  it("a connection stored by another process appears in the open page without a reload", async () => {
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      expect((await renderedRowIds(page)).sort()).toEqual([101, 102, 103]);
      await page.evaluate(() => {
        (window as { __sameDocument?: boolean }).__sameDocument = true;
      });
      const manifest = join(dir, "live.json");
      await writeFile(
        manifest,
        JSON.stringify([
          {
            connection_id: 104,
            username: "dave@example.com",
            ip: "203.0.113.13",
            last_updated: "06/30/2020, 22:02",
            version: "e2cd777-1B1D1F08",
            client_logs: null,
            server_logs: `${origin}/logs/server-ok.txt`,
          },
        ]),
      );
      await runLoupe(["ingest", manifest, "--db", server.db]);
      // The server's event stream says the fleet grew; the page fetches its list again by itself.
      await expect.poll(() => renderedRowIds(page), { timeout: 10_000 }).toEqual([104, 101, 102, 103]);
      await visible(page.locator("#connection-row-104").getByText("dave@example.com", { exact: true }));
      expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    });
  });
});
