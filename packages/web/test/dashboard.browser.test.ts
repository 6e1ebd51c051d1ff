/**
 * The dashboard on the demo fleet (300 connections), as a first-time user drives it in Chromium: search,
 * scrolling, opening a connection, bookmarks, deep links, the keyboard, and the fleet insights. Every page
 * must stay free of console errors and CSP violations (openPage's watcher). One server for the file.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectChartsWithData, search, shownTotal } from "./support/dashboard-page.js";
import {
  allConnections,
  CHART_LABELS,
  type ConnectionJson,
  type ConnectionPageJson,
  getJson,
  type LoupeServer,
  launchBrowser,
  renderedRowIds,
  renderedRows,
  see,
  startLoupe,
  visible,
  waitForRows,
  waitUntil,
  withPage,
} from "./support/loupe-browser.js";

interface LogPageJson {
  items: { level: string; message: string }[];
  total: number;
}

let server: LoupeServer;
let browser: Browser;
let base: string;
/** Every connection in the list's default order (newest first). */
let fleet: ConnectionJson[];

beforeAll(async () => {
  [server, browser] = await Promise.all([startLoupe(["--demo-count", "300"]), launchBrowser()]);
  base = server.url;
  // The table and the charts are only final once every log is in: wait, so no test races ingestion.
  await waitUntil(
    () => getJson<{ total: number; pending: number }>(`${base}/api/ingest/status`),
    (status) => status.total > 0 && status.pending === 0,
    60_000,
    "demo ingestion",
  );
  fleet = (await allConnections(base)).items;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const total = async (query: string) =>
  (await getJson<ConnectionPageJson>(`${base}/api/connections?limit=1&${query}`)).total;

/** Whose connections are spread out, with one far below the first page of 100 rows? */
function userWithFarConnection(): { username: string; ids: number[] } {
  const byUser = new Map<string, number[]>();
  fleet.forEach((item, index) => {
    if (item.username === null) return;
    const entry = byUser.get(item.username) ?? [];
    entry.push(index);
    byUser.set(item.username, entry);
  });
  for (const [username, indexes] of byUser) {
    const far = indexes.some((index) => index >= 150);
    const near = indexes.some((index) => index < 100);
    if (far && near && indexes.length >= 2 && indexes.length <= 10) {
      return { username, ids: indexes.map((index) => fleet[index]?.connectionId ?? -1) };
    }
  }
  throw new Error("the demo fleet has no user with connections both near the top and far below");
}

/** A connection whose client and server logs are both ingested: all four charts have data. */
function connectionWithBothLogs(): ConnectionJson {
  const found = fleet.find(
    (item) => item.client.status === "ok" && item.server.status === "ok" && item.username !== null,
  );
  if (!found) throw new Error("no demo connection has both logs");
  return found;
}

describe("the dashboard on the demo fleet", () => {
  it("searching a username finds all its connections, including ones far below the loaded rows", async () => {
    const { username, ids } = userWithFarConnection();
    // Case-insensitive: type it as a person might, in capitals.
    const q = username.toUpperCase();
    const expected = await allConnections(base, `&q=${encodeURIComponent(q)}`);
    expect(expected.items.map((c) => c.connectionId).sort()).toEqual(expect.arrayContaining([...ids].sort()));
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      // No sign-in configured: the header says so, and there is nobody to sign out.
      await visible(page.getByText("Open access", { exact: true }));
      await see.count(page.getByRole("button", { name: "Sign out" })).toBe(0);
      const far = ids.find((id) => fleet.findIndex((c) => c.connectionId === id) >= 150);
      expect(await renderedRowIds(page)).not.toContain(far);
      await search(page, q);
      await expect.poll(() => shownTotal(page)).toBe(expected.total);
      await expect
        .poll(async () => (await renderedRowIds(page)).sort())
        .toEqual(expected.items.map((c) => c.connectionId).sort());
      expect(await renderedRowIds(page)).toContain(far);
    });
  });

  it("scrolling the table loads more rows", async () => {
    await withPage(browser, async (page) => {
      const pages: string[] = [];
      page.on("request", (request) => {
        if (request.url().includes("/api/connections?") && request.url().includes("cursor=")) {
          pages.push(request.url());
        }
      });
      await page.goto(base);
      await waitForRows(page);
      await see.text(page.locator(".table-footer")).toContain("Showing 100 of 300");
      const grid = page.locator("#connections-grid");
      await grid.hover();
      for (let i = 0; i < 40 && pages.length === 0; i++) {
        await page.mouse.wheel(0, 800);
        await page.waitForTimeout(50);
      }
      expect(pages.length).toBeGreaterThan(0);
      await see.text(page.locator(".table-footer")).toMatch(/Showing 200 of 300|All 300 shown/);
      // Scrolling on reaches rows beyond the first page.
      const deepest = async () =>
        Math.max(
          ...(await renderedRows(page).evaluateAll((rows) =>
            rows.map((row) => Number(row.getAttribute("aria-rowindex"))),
          )),
        );
      for (let i = 0; i < 40 && (await deepest()) <= 101; i++) {
        await page.mouse.wheel(0, 800);
        await page.waitForTimeout(50);
      }
      expect(await deepest()).toBeGreaterThan(101);
    });
  });

  it("opening a connection shows the four charts with data", async () => {
    const connection = connectionWithBothLogs();
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      await search(page, connection.username ?? "");
      const row = page.locator(`#connection-row-${connection.connectionId}`);
      await row.click();
      await expect
        .poll(() => new URL(page.url()).searchParams.get("open"))
        .toBe(String(connection.connectionId));
      await see.attribute(row, "aria-selected").toBe("true");
      await visible(page.getByRole("heading", { name: new RegExp(`Connection ${connection.connectionId}`) }));
      await expectChartsWithData(page);
    });
  });

  it("a bookmark survives a reload, and the bookmarked filter finds it", async () => {
    const id = fleet[2]?.connectionId ?? -1;
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      const star = page.getByRole("button", { name: `Bookmark connection ${id}`, exact: true });
      await see.attribute(star, "aria-pressed").toBe("false");
      const saved = page.waitForResponse(
        (r) => r.url().endsWith(`/api/connections/${id}/bookmark`) && r.request().method() === "PUT",
      );
      await star.click();
      expect((await saved).status()).toBeLessThan(300);
      await see.attribute(star, "aria-pressed").toBe("true");
      await page.reload();
      await waitForRows(page);
      await see
        .attribute(
          page.getByRole("button", { name: `Bookmark connection ${id}`, exact: true }),
          "aria-pressed",
        )
        .toBe("true");
      await page.getByRole("button", { name: "Bookmarked", exact: true }).click();
      await expect.poll(() => renderedRowIds(page)).toEqual([id]);
      expect(new URL(page.url()).searchParams.get("bookmarked")).toBe("1");
    });
    await fetch(`${base}/api/connections/${id}/bookmark`, { method: "DELETE" });
  });

  it("a deep link restores the search, the filters, the open connection and its raw log viewer; Back and Forward follow", async () => {
    // Both logs have lines (the viewer's default is both), and the server log has a few errors (all of
    // them rendered at once) to filter on.
    const target = fleet.find(
      (c) =>
        (c.server.errors ?? 0) > 0 &&
        (c.server.errors ?? 0) <= 10 &&
        c.client.status === "ok" &&
        c.server.status === "ok" &&
        c.username !== null &&
        c.version !== null,
    );
    if (!target?.username || !target.version)
      throw new Error("no demo connection with two logs, server errors, user and version");
    const q = target.username.slice(0, Math.max(3, target.username.indexOf("@")));
    const lines = `/api/connections/${target.connectionId}/logs?side=server&level=ERROR`;
    const firstError = (await getJson<LogPageJson>(`${base}${lines}&limit=1`)).items[0];
    // A word of the first server error, in another case: the search is case-insensitive.
    const word = /[A-Za-z]{4,}/.exec(firstError?.message ?? "")?.[0]?.toLowerCase();
    if (!word) throw new Error(`no word to search in ${JSON.stringify(firstError)}`);
    const matching = (await getJson<LogPageJson>(`${base}${lines}&q=${word}&limit=1`)).total;
    const log = `logSide=server&logLevels=ERROR&logQ=${word}`;
    const query = `q=${encodeURIComponent(q)}&version=${encodeURIComponent(target.version)}&hasErrors=1&sort=errors&open=${target.connectionId}&${log}`;
    const expected = await total(query.replace(/&open=.*$/, "").replace("hasErrors=1", "hasErrors=true"));
    await withPage(browser, async (page) => {
      await page.goto(`${base}/?${query}`);
      await waitForRows(page);
      await see.value(page.getByLabel("Search connections")).toBe(q);
      await see.value(page.getByLabel("Filter by version")).toBe(target.version ?? "");
      await see
        .attribute(page.getByRole("button", { name: "Has errors", exact: true }), "aria-pressed")
        .toBe("true");
      await expect.poll(() => shownTotal(page)).toBe(expected);
      await see.text(page.locator(".table-toolbar")).toContain("sorted by errors, most first");
      await visible(page.getByRole("heading", { name: new RegExp(`Connection ${target.connectionId}`) }));
      await see
        .attribute(page.locator(`#connection-row-${target.connectionId}`), "aria-selected")
        .toBe("true");

      // The raw viewer: the server log alone, ERROR only, searched for the word, the matches marked.
      const sides = page.getByRole("group", { name: "Which log to show" });
      const levels = page.getByRole("group", { name: "Show only these levels" });
      await see.attribute(sides.getByRole("button", { name: "Server" }), "aria-pressed").toBe("true");
      await see.attribute(levels.getByRole("button", { name: /^ERROR/ }), "aria-pressed").toBe("true");
      await see.attribute(levels.getByRole("button", { name: /^INFO/ }), "aria-pressed").toBe("false");
      await see.value(page.getByLabel("Search log lines")).toBe(word);
      const viewer = page.getByRole("log", { name: "Server log" });
      await see.text(page.locator(".rawlog-count")).toContain(`match '${word}'`);
      // The viewer may still be re-rendered as its pages arrive: scroll to it once it holds still.
      for (let attempt = 0; ; attempt++) {
        try {
          await viewer.scrollIntoViewIfNeeded({ timeout: 2_000 });
          break;
        } catch (error) {
          if (attempt >= 4) throw error;
        }
      }
      await see.count(viewer.locator(".rawlog-row[data-level]")).toBe(matching);
      const shownLevels = await viewer
        .locator(".rawlog-row[data-level]")
        .evaluateAll((rows) => [...new Set(rows.map((row) => row.getAttribute("data-level")))]);
      expect(shownLevels).toEqual(["ERROR"]);
      await see.text(viewer.locator("mark").first()).toMatch(new RegExp(`^${word}$`, "i"));

      // A level is a step Back undoes; the connection's default side is left out of the URL.
      await levels.getByRole("button", { name: /^INFO/ }).click();
      await see.url(page, "logLevels").toBe("ERROR,INFO");
      await page.goBack();
      await see.url(page, "logLevels").toBe("ERROR");
      await see.attribute(levels.getByRole("button", { name: /^INFO/ }), "aria-pressed").toBe("false");
      await sides.getByRole("button", { name: "Both" }).click();
      await see.url(page, "logSide").toBeNull();
      await visible(page.getByRole("log", { name: "Client and server logs" }));

      // Closing is a step Back undoes (the viewer's state with it); Forward closes again.
      await page.getByRole("button", { name: `Close connection ${target.connectionId}` }).click();
      await expect.poll(() => new URL(page.url()).searchParams.get("open")).toBeNull();
      expect(new URL(page.url()).searchParams.get("logQ")).toBeNull();
      await page.goBack();
      await visible(page.getByRole("heading", { name: new RegExp(`Connection ${target.connectionId}`) }));
      await see.value(page.getByLabel("Search log lines")).toBe(word);
      await page.goForward();
      await visible(page.getByText("Open a connection to see its logs"));
      expect(new URL(page.url()).searchParams.get("q")).toBe(q);
    });
  });

  it("the keyboard alone reaches a connection's charts (Tab, ↓, Enter, Tab…)", async () => {
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      await page.keyboard.press("Tab");
      await see.focused(page.getByRole("link", { name: "Skip to connections" })).toBe(true);
      await page.keyboard.press("Enter");
      await see.focused(page.locator("#connections-grid")).toBe(true);
      // Down to the first connection whose four charts all have data, then open it.
      const index = fleet.findIndex((c) => c.client.status === "ok" && c.server.status === "ok");
      expect(index).toBeGreaterThanOrEqual(0);
      expect(index).toBeLessThan(100);
      for (let i = 0; i < index; i++) await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      const opened = fleet[index]?.connectionId;
      await see.url(page, "open").toBe(String(opened));
      await visible(page.getByRole("heading", { name: new RegExp(`Connection ${opened}`) }));
      // Tab on until focus is on or inside a chart, or has gone past the first one.
      let reached = false;
      for (let presses = 0; presses < 60 && !reached; presses++) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate((labels) => {
          const charts = labels.map((label) => document.querySelector(`[aria-label="${label}"]`));
          const focused = document.activeElement;
          const first = charts[0];
          if (!first || !focused || focused === document.body) return false;
          return (
            charts.some((chart) => chart?.contains(focused)) ||
            Boolean(first.compareDocumentPosition(focused) & Node.DOCUMENT_POSITION_FOLLOWING)
          );
        }, CHART_LABELS);
      }
      expect(reached, "Tab reaches the open connection's charts").toBe(true);
      await expectChartsWithData(page);
    });
  });

  it("fleet insights: a pattern filters the table through the URL, shown as a removable chip", async () => {
    const patterns = await getJson<{ items: { id: string; template: string; connections: number }[] }>(
      `${base}/api/insights/patterns?limit=50`,
    );
    const pattern = patterns.items[1];
    if (!pattern) throw new Error("the demo fleet has fewer than two error patterns");
    const expected = await total(`pattern=${pattern.id}`);
    const viaInsights = await getJson<{ connectionIds: number[] }>(
      `${base}/api/insights/patterns/${pattern.id}/connections?limit=5000`,
    );
    expect(expected).toBe(viaInsights.connectionIds.length);
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      const insights = page.getByRole("region", { name: "Fleet insights" });
      await insights.scrollIntoViewIfNeeded();
      const button = page.getByRole("button", { name: pattern.template, exact: true });
      await button.click();
      await expect.poll(() => new URL(page.url()).searchParams.get("pattern")).toBe(pattern.id);
      const chip = page.locator(".filter-chip");
      await see.text(chip).toContain(pattern.template);
      await expect.poll(() => shownTotal(page)).toBe(expected);
      await see.focused(page.locator("#connections-grid")).toBe(true);
      const shown = await renderedRowIds(page);
      expect(viaInsights.connectionIds).toEqual(expect.arrayContaining(shown));

      // The filter is in the URL: a reload keeps it.
      await page.reload();
      await see.text(page.locator(".filter-chip")).toContain(pattern.template);
      await expect.poll(() => shownTotal(page)).toBe(expected);
      await page.getByRole("button", { name: "Remove the error pattern filter" }).click();
      await see.count(page.locator(".filter-chip")).toBe(0);
      await expect.poll(() => shownTotal(page)).toBe(300);
      expect(new URL(page.url()).searchParams.get("pattern")).toBeNull();
    });
  });

  it("the strip's users and the fleet insights (versions, errors vs latency, distributions) show the fleet's figures", async () => {
    const versions = await getJson<{ items: unknown[] }>(`${base}/api/insights/versions`);
    const errorLatency = await getJson<{ n: number; points: unknown[] }>(
      `${base}/api/insights/error-latency`,
    );
    await withPage(browser, async (page) => {
      await page.goto(base);
      await waitForRows(page);
      // The strip's users: every connection's distinct usernames (as the API compares them, ignoring case).
      const users = new Set(fleet.flatMap((c) => (c.username === null ? [] : [c.username.toLowerCase()])));
      await see
        .text(page.locator(".tile", { hasText: "Users" }).locator(".tile-value"))
        .toBe(users.size.toLocaleString("en"));
      await page.getByRole("region", { name: "Fleet insights" }).scrollIntoViewIfNeeded();
      const versionsTable = page.locator(".versions-table tbody tr");
      await see.count(versionsTable).toBe(versions.items.length);
      const scatter = page.getByLabel("Errors vs latency chart", { exact: true });
      await scatter.scrollIntoViewIfNeeded();
      await see.count(scatter.locator("circle.dot")).toBe(errorLatency.points.length);
      await see.text(page.locator(".scatter .figures")).toContain(String(errorLatency.n));
      await see.count(page.locator(".histogram svg")).toBe(4);
      // A dot opens its connection.
      // The last dot is drawn on top of any it overlaps.
      await scatter.locator("circle.dot").last().click();
      await expect.poll(() => new URL(page.url()).searchParams.get("open")).not.toBeNull();
    });
  });

  it("fleet insights: a failed panel says why and Retry brings it back", async () => {
    await withPage(
      browser,
      async (page) => {
        let failing = true;
        await page.route("**/api/insights/patterns?*", (route) =>
          failing
            ? route.fulfill({
                status: 503,
                contentType: "application/json",
                body: JSON.stringify({
                  error: "unavailable",
                  message: "The database is not ready; try again shortly.",
                }),
              })
            : route.continue(),
        );
        await page.goto(base);
        await waitForRows(page);
        await page.getByRole("region", { name: "Fleet insights" }).scrollIntoViewIfNeeded();
        const panel = page.locator("section.panel", { has: page.locator("#insight-patterns") });
        // The query client tries three times before it gives up, about three seconds.
        await page
          .getByRole("alert")
          .filter({ hasText: "most common errors and warnings" })
          .waitFor({ timeout: 15_000 });
        await see.text(panel).toContain("The database is not ready; try again shortly.");
        failing = false;
        await panel.getByRole("button", { name: "Retry" }).click();
        await see.count(panel.locator(".patterns-table tbody tr")).toBe(10);
      },
      { allowConsole: /status of 503/ },
    );
  });

  it("the page runs under the strict policy, which really blocks injected script; /docs is clean too", async () => {
    await withPage(browser, async (page) => {
      const response = await page.goto(base);
      const policy = response?.headers()["content-security-policy"] ?? "";
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("style-src 'self'");
      expect(policy).not.toContain("unsafe");
      await waitForRows(page);
      await page.goto(`${base}/docs`);
      await see.text(page.locator(".swagger-ui .info .title")).toContain("Loupe API");
    });
    // Injected markup is inert: the browser refuses the inline handler (a violation is expected here).
    const page = await browser.newPage();
    try {
      await page.goto(base);
      const ran = await page.evaluate(async () => {
        const violations: string[] = [];
        document.addEventListener("securitypolicyviolation", (e) => violations.push(e.violatedDirective));
        const holder = document.createElement("div");
        holder.innerHTML = '<img src="data:," onerror="window.__injected = 1">';
        document.body.append(holder);
        await new Promise((resolve) => setTimeout(resolve, 300));
        return { injected: (window as { __injected?: number }).__injected ?? 0, violations };
      });
      expect(ran.injected).toBe(0);
      expect(ran.violations.join(" ")).toMatch(/script-src/);
    } finally {
      await page.close();
    }
  });
});
