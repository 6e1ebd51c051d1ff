// The states `npm run screenshots` shoots (each in both themes): what a first-time user sees, the
// detail's charts (also zoomed) and raw log (also searched and filtered by level), the fleet insights'
// panels, and the empty, error, ingesting and narrow states. Picks its connections from the API.

const HEADER = 72; // the sticky header and a margin: what scrolling an element to the top must clear

/** Scrolls `selector` to just below the sticky header. */
async function scrollToTop(page, selector) {
  await page.locator(selector).first().waitFor();
  await page.evaluate(
    ([s, header]) => {
      const top = document.querySelector(s).getBoundingClientRect().top + window.scrollY;
      window.scrollTo({ top: top - header, behavior: "instant" });
    },
    [selector, HEADER],
  );
}

/** The four charts have drawn their data: every chart canvas has ink. */
async function chartsDrawn(page) {
  await page.waitForFunction(() => {
    const canvases = [...document.querySelectorAll(".chart-plot canvas")];
    return (
      canvases.length >= 4 &&
      canvases.every((canvas) => {
        const data = canvas.getContext("2d")?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
        let inked = 0;
        for (let i = 3; i < data.length; i += 64) if (data[i] > 0) inked++;
        return inked > 100;
      })
    );
  });
}

/** The raw viewer shows lines, not placeholders. */
async function linesShown(page) {
  await page.waitForFunction(() => {
    const viewer = document.querySelector(".rawlog-scroller");
    return Boolean(viewer?.querySelector(".rawlog-row[data-index]")) && !viewer.querySelector(".is-ghost");
  });
}

/** The pointer at a fraction of the latency chart's plot: the cursor, readouts and a moment on screen. */
async function hoverLatency(page, fraction) {
  const plot = page.locator('[aria-label="Latency chart"] .u-over');
  const box = await plot.boundingBox();
  await page.mouse.move(box.x + box.width * fraction, box.y + box.height / 2);
}

async function json(base, path) {
  const response = await fetch(`${base}${path}`);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

/** A connection whose two logs are ingested and have errors (ticks on every chart), and a word of its warnings. */
async function pickConnections(base) {
  const { items } = await json(base, "/api/connections?limit=500&status=ok&sort=errors");
  const both = items.find(
    (c) => c.client.status === "ok" && c.server.status === "ok" && c.client.errors > 0 && c.server.errors > 0,
  );
  const missing = (await json(base, "/api/connections?limit=1&status=missing")).items[0];
  if (!both || !missing)
    throw new Error("the demo has no connection with both logs and errors, or none missing");
  // A word to search the raw log for that shows what search and levels do: found in errors and warnings
  // alike, in as many different messages as possible.
  const lines = await json(
    base,
    `/api/connections/${both.connectionId}/logs?side=both&level=ERROR,WARNING&limit=500`,
  );
  const words = new Map();
  for (const entry of lines.items) {
    for (const text of new Set(entry.message.toLowerCase().match(/[a-z]{5,}/g) ?? [])) {
      const word = words.get(text) ?? { levels: new Set(), messages: new Set() };
      word.levels.add(entry.level);
      word.messages.add(entry.message.replace(/\d+/g, "#"));
      words.set(text, word);
    }
  }
  const score = ({ levels, messages }) => levels.size * 100 + messages.size;
  const word = [...words].sort((a, b) => score(b[1]) - score(a[1]))[0]?.[0] ?? "failed";
  return { both: both.connectionId, missing: missing.connectionId, word };
}

export async function states(base) {
  const { both, missing, word } = await pickConnections(base);
  const panel = (id) => `section.panel[aria-labelledby="${id}"]`;
  const insight = (id, extra) => ({
    element: panel(id),
    act: async (page) => {
      await scrollToTop(page, ".insights");
      await page.waitForFunction((s) => !document.querySelector(s).querySelector(".skeleton"), panel(id));
      await extra?.(page);
    },
  });
  return [
    { name: "overview" },
    { name: "overview-full", fullPage: true },
    {
      name: "detail-charts",
      path: `/?open=${both}`,
      act: async (page) => {
        await scrollToTop(page, "section.charts");
        await chartsDrawn(page);
        await hoverLatency(page, 0.62);
      },
    },
    {
      name: "chart-zoomed",
      path: `/?open=${both}`,
      act: async (page) => {
        await scrollToTop(page, "section.charts");
        await chartsDrawn(page);
        const plot = await page.locator('[aria-label="Latency chart"] .u-over').boundingBox();
        const y = plot.y + plot.height / 2;
        await page.mouse.move(plot.x + plot.width * 0.4, y);
        await page.mouse.down();
        await page.mouse.move(plot.x + plot.width * 0.52, y, { steps: 8 });
        await page.mouse.up();
        await page.locator(".charts-status", { hasText: "Zoomed to" }).waitFor();
        await page.waitForLoadState("networkidle");
        await chartsDrawn(page);
        await hoverLatency(page, 0.5);
      },
    },
    {
      name: "detail-raw-log",
      path: `/?open=${both}`,
      act: async (page) => {
        await scrollToTop(page, "section.rawlog");
        await linesShown(page);
      },
    },
    {
      name: "raw-log-search",
      path: `/?open=${both}&logLevels=ERROR,WARNING&logQ=${encodeURIComponent(word)}`,
      act: async (page) => {
        await scrollToTop(page, "section.rawlog");
        await linesShown(page);
        await page.locator(".rawlog-scroller mark").first().waitFor();
      },
    },
    { name: "detail-missing-log", path: `/?open=${missing}`, fullPage: true },
    {
      name: "detail-keyboard",
      path: `/?sort=errors&open=${both}`,
      act: async (page) => {
        await page.getByRole("grid").focus();
        await page.keyboard.press("ArrowDown");
        await page.keyboard.press("ArrowDown");
      },
    },
    { name: "insights-patterns", ...insight("insight-patterns") },
    {
      name: "insights-versions",
      ...insight("insight-versions", async (page) => {
        // The flagged regression, with its test shown (focus shows the tooltip, as hover does).
        await page.locator(".regression-badge").first().focus();
        await page.waitForFunction(
          () => getComputedStyle(document.querySelector(".tip-anchor:focus-within .tip")).opacity === "1",
        );
      }),
    },
    { name: "insights-scatter", ...insight("insight-correlation") },
    { name: "insights-distributions", ...insight("insight-metrics") },
    { name: "empty-search", path: "/?q=no-such-user%3Cb%3E" },
    { name: "narrow-1024", width: 1024, height: 768 },
    { name: "error-state", failList: true, height: 700 },
    { name: "ingesting", height: 400, ingesting: { total: 670, done: 412, pending: 258, failed: 0 } },
  ];
}
