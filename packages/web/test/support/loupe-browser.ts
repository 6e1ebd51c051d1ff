/**
 * What the browser tests share: `loupe serve` as a child process (the built CLI and page, exactly as an
 * operator runs them), headless Chromium through playwright-core, and a page watcher that fails a test on
 * any console error, uncaught exception, CSP violation or dialog (alert/confirm/prompt).
 *
 * Needs `npm run build` first (the CLI bundle, the server's dist and the page's dist) and Chromium at
 * /usr/bin/chromium (CHROMIUM overrides).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

const LOUPE_BIN = fileURLToPath(new URL("../../../cli/bin/loupe.js", import.meta.url));
const WEB_DIST = fileURLToPath(new URL("../../dist/index.html", import.meta.url));
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/**
 * The launch flags CI uses: no sandbox (containers), no GPU, nothing that phones home. One list, read by
 * these tests and by the browser benchmark (bench/browser.mjs).
 */
const CHROMIUM_ARGS: string[] = JSON.parse(
  readFileSync(fileURLToPath(new URL("./chromium-flags.json", import.meta.url)), "utf8"),
);
export interface LoupeServer {
  readonly url: string;
  /** Its SQLite file: another `loupe` process may write to it (e.g. `loupe ingest`). */
  readonly db: string;
  output(): string;
  /** SIGTERM, then the temp database is removed. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * `loupe serve --port 0 --db <tmp> ...args` (a later `--port` wins); resolves with the URL it prints.
 * `env` adds to the environment (the secrets of sign-in are read from there only).
 */
export async function startLoupe(
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<LoupeServer> {
  if (!existsSync(WEB_DIST) || !existsSync(LOUPE_BIN)) {
    throw new Error("The built page or CLI is missing: run `npm run build` before the browser tests.");
  }
  const dir = await mkdtemp(join(tmpdir(), "loupe-browser-"));
  const db = join(dir, "loupe.db");
  const child: ChildProcess = spawn(
    process.execPath,
    [LOUPE_BIN, "serve", "--port", "0", "--db", db, ...args],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`loupe serve did not start:\n${output}`)), 30_000);
      const check = () => {
        const match = /Loupe is serving (http:\/\/\S+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout?.on("data", check);
      void exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`loupe serve exited before serving:\n${output}`));
      });
    });
    await expectCurrentBuild(url);
    return { url, db, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Runs another `loupe` command to its end; rejects with its output when it fails. */
export async function runLoupe(args: readonly string[]): Promise<string> {
  const child = spawn(process.execPath, [LOUPE_BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`loupe ${args.join(" ")} exited with ${code}:\n${output}`);
  return output;
}

/** A stale server build would silently drop the `pattern` filter (unknown parameters are removed). */
async function expectCurrentBuild(url: string): Promise<void> {
  const response = await fetch(`${url}/docs/json`);
  // Sign-in configured: the document needs credentials; sign-in.browser.test.ts checks the build itself.
  if (response.status === 401) return;
  const openapi = await response.text();
  if (!openapi.includes('"pattern"')) {
    throw new Error("The built server predates the `pattern` filter: run `npm run build`.");
  }
}

export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Polls until `done(value)`; fails with the last value after `timeoutMs`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
  what = "condition",
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors, page errors, CSP violations and dialogs so far. */
  problems(): string[];
  dialogs(): string[];
  /** Fails the test if anything went wrong on the page, then closes its context. */
  close(): Promise<void>;
}

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/**
 * A fresh context (no cookies or storage from other tests) and a page whose every problem is recorded.
 * Dialogs are dismissed and recorded: a log line that managed to run `alert(1)` fails the test.
 */
export async function openPage(
  browser: Browser,
  options: { width?: number; height?: number; allowConsole?: RegExp } = {},
): Promise<WatchedPage> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: "dark",
    reducedMotion: "reduce",
  });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__cspViolations?.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
    });
  });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    if (options.allowConsole?.test(message.text())) return;
    problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    problems.push(`dialog opened: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.setDefaultTimeout(10_000);
  const cspViolations = async (): Promise<string[]> =>
    page.isClosed() ? [] : await page.evaluate(() => window.__cspViolations ?? []).catch(() => []);
  return {
    page,
    context,
    problems: () => [...problems],
    dialogs: () => [...dialogs],
    async close() {
      try {
        const violations = await cspViolations();
        expect([...problems, ...violations.map((v) => `CSP violation: ${v}`)]).toEqual([]);
      } finally {
        await context.close();
      }
    },
  };
}

/** Runs `body` on a watched page and checks it stayed clean, closing it whatever happens. */
export async function withPage(
  browser: Browser,
  body: (page: Page, watched: WatchedPage) => Promise<void>,
  options?: Parameters<typeof openPage>[1],
): Promise<void> {
  const watched = await openPage(browser, options);
  let failed = true;
  try {
    await body(watched.page, watched);
    failed = false;
  } finally {
    if (failed) await watched.context.close();
    else await watched.close();
  }
}

/** The connection rows the virtualized grid has rendered (a window of the loaded ones). */
export function renderedRows(page: Page) {
  return page.locator('#connections-grid [role="row"][id^="connection-row-"]');
}

export async function renderedRowIds(page: Page): Promise<number[]> {
  const ids = await renderedRows(page).evaluateAll((rows) => rows.map((row) => row.id));
  return ids.map((id) => Number(id.replace("connection-row-", "")));
}

/** The table has rows (not skeletons) and its first page has arrived. */
export async function waitForRows(page: Page): Promise<void> {
  await renderedRows(page).first().waitFor({ state: "visible", timeout: 15_000 });
}

export const CHART_LABELS = ["Latency chart", "Decode time chart", "Encode time chart", "Encode size chart"];

export interface ConnectionJson {
  connectionId: number;
  username: string | null;
  version: string | null;
  bookmarked: boolean;
  client: { status: string; errors: number | null };
  server: { status: string; errors: number | null };
}

export interface ConnectionPageJson {
  items: ConnectionJson[];
  nextCursor: string | null;
  total: number;
}

/** Every connection matching `query` (a query string without `limit`), following the cursor. */
export async function allConnections(base: string, query = ""): Promise<ConnectionPageJson> {
  const items: ConnectionJson[] = [];
  let cursor: string | null = null;
  let total = 0;
  do {
    const suffix: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
    const page: ConnectionPageJson = await getJson(`${base}/api/connections?limit=500${query}${suffix}`);
    items.push(...page.items);
    total = page.total;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { items, nextCursor: null, total };
}

const POLL = { timeout: 10_000 };

/**
 * Web-first assertions (playwright-core has no `expect` of its own): each polls the page until the
 * matcher passes or 10 s are up, e.g. `await see.attribute(star, "aria-pressed").toBe("true")`.
 */
export const see = {
  attribute: (locator: Locator, name: string) => expect.poll(() => locator.getAttribute(name), POLL),
  text: (locator: Locator) => expect.poll(async () => (await locator.textContent()) ?? "", POLL),
  value: (locator: Locator) => expect.poll(() => locator.inputValue(), POLL),
  count: (locator: Locator) => expect.poll(() => locator.count(), POLL),
  focused: (locator: Locator) =>
    expect.poll(
      () => locator.evaluate((element) => element === document.activeElement).catch(() => false),
      POLL,
    ),
  url: (page: Page, parameter: string) =>
    expect.poll(() => new URL(page.url()).searchParams.get(parameter), POLL),
};

/** Waits until the locator's one element is visible (fails after the page's default timeout). */
export async function visible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: "visible" });
}
