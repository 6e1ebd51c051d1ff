// Screenshots of the page's main states in both themes, into docs/screenshots/ (npm run screenshots);
// the states are listed in screenshot-states.mjs. Needs the built page (npm run build) and Chromium at
// /usr/bin/chromium (CHROMIUM to override). With LOUPE_URL it uses that server; otherwise it starts the
// demo (`loupe serve`, 600 connections, a throwaway database) and waits for ingestion to finish. Fails
// on any console error in the page. SHOTS=name,name… shoots only those states.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { states } from "./screenshot-states.mjs";

const out = fileURLToPath(new URL("../../../docs/screenshots/", import.meta.url));
mkdirSync(out, { recursive: true });

/** Starts the demo server on a free-ish port and resolves once every log is ingested. */
async function startDemo() {
  const dir = mkdtempSync(join(tmpdir(), "loupe-shots-"));
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const cli = fileURLToPath(new URL("../../cli/bin/loupe.js", import.meta.url));
  const server = spawn(
    process.execPath,
    [cli, "serve", "--port", String(port), "--db", join(dir, "demo.db"), "--demo-count", "600"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; waited < 120_000; waited += 500) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const status = await fetch(`${url}/api/ingest/status`)
      .then((response) => response.json())
      .catch(() => null);
    if (status && status.total > 0 && status.pending === 0) return { url, stop };
  }
  stop();
  throw new Error("The demo server did not finish ingesting within two minutes");
}

const demo = process.env.LOUPE_URL ? null : await startDemo();
const base = process.env.LOUPE_URL ?? demo.url;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

const problems = [];

async function shoot(name, theme, options = {}) {
  const {
    path = "/",
    width = 1440,
    height = 900,
    fullPage = false,
    act,
    failList = false,
    ingesting,
    element,
  } = options;
  const context = await browser.newContext({
    viewport: { width, height },
    colorScheme: theme,
    deviceScaleFactor: 1,
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  if (failList) {
    // The error state: the list answers 503 as a database that is not ready would.
    await page.route(/\/api\/connections\?.*limit=100/, (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          error: "unavailable",
          message: "The database is not ready; try again shortly.",
        }),
      }),
    );
  }
  if (ingesting) {
    // Ingestion in progress, whatever the server is doing: the header's progress state.
    await page.route("**/api/ingest/status", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(ingesting) }),
    );
  }
  page.on("console", (message) => {
    // The browser logs the failed request itself; that one is expected here.
    if (message.type() === "error" && !(failList && message.text().includes("503"))) {
      problems.push(`${name}/${theme}: ${message.text()}`);
    }
  });
  page.on("pageerror", (error) => problems.push(`${name}/${theme}: ${error.message}`));
  await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
  // Loaded means: no skeleton left in view, or on the whole page for a full-page shot (the insights
  // patterns load once scrolled near, which a tall full-page viewport already is).
  await page.waitForFunction(
    (whole) =>
      [...document.querySelectorAll(".skeleton")].every(
        (element) => !whole && element.getBoundingClientRect().top > window.innerHeight,
      ),
    fullPage,
    { timeout: 15_000 },
  );
  if (act) await act(page);
  const file = `${out}${name}-${theme}.png`;
  if (element) await page.locator(element).first().screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage });
  console.log(`wrote ${file}`);
  await context.close();
}

// Whatever fails, the browser and the demo server (and its database) must not outlive the script.
try {
  const only = process.env.SHOTS?.split(",");
  for (const theme of ["dark", "light"]) {
    for (const { name, ...options } of await states(base)) {
      if (!only || only.includes(name)) await shoot(name, theme, options);
    }
  }
} finally {
  await browser.close();
  demo?.stop();
}
if (problems.length > 0) {
  console.error(`Console errors:\n${problems.join("\n")}`);
  process.exit(1);
}
