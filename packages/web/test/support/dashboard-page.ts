/**
 * Page helpers of the demo-fleet tests: the table's shown total, typing a search, and whether the four
 * charts draw data (canvas pixels with ink).
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { CHART_LABELS } from "./loupe-browser.js";

/** The table toolbar's "N match" / "N in total". */
export async function shownTotal(page: Page): Promise<number> {
  const text = (await page.locator(".table-toolbar .muted.num").first().textContent()) ?? "";
  const match = /([\d,]+) (?:match|matches|in total)/.exec(text);
  if (!match?.[1]) return text.includes("none match") ? 0 : Number.NaN;
  return Number(match[1].replace(/,/g, ""));
}

export async function search(page: Page, text: string): Promise<void> {
  const box = page.getByLabel("Search connections");
  await box.click();
  await box.pressSequentially(text, { delay: 5 });
  await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(text);
}

/** Canvas pixels that are not blank: axes alone are a few hundred, a series with data many more. */
async function inkedPixels(page: Page, label: string): Promise<number> {
  return page.getByLabel(label, { exact: true }).evaluate((container) => {
    let inked = 0;
    for (const canvas of Array.from(container.querySelectorAll("canvas"))) {
      const context = canvas.getContext("2d");
      if (!context || canvas.width === 0 || canvas.height === 0) continue;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked++;
    }
    return inked;
  });
}

export async function expectChartsWithData(page: Page): Promise<void> {
  for (const label of CHART_LABELS) {
    const chart = page.getByLabel(label, { exact: true });
    await expect.poll(() => chart.count(), { message: `${label} is on the page`, timeout: 15_000 }).toBe(1);
    await chart.scrollIntoViewIfNeeded();
    await expect
      .poll(() => chart.locator("canvas").count(), { message: `${label} has a canvas` })
      .toBeGreaterThan(0);
    await expect
      .poll(() => inkedPixels(page, label), { message: `${label} draws data`, timeout: 10_000 })
      .toBeGreaterThan(1500);
  }
}
