/**
 * The charts' colours come from the page's design tokens (CSS custom properties on :root[data-theme]),
 * read when a chart is created and again whenever the theme changes. Canvas cannot use var(--x), so the
 * values are resolved here and the chart's colour callbacks read this object at draw time.
 */

export interface ChartTheme {
  text: string;
  muted: string;
  faint: string;
  grid: string;
  axis: string;
  line: string;
  fillTop: string;
  fillBottom: string;
  surface: string;
  error: string;
  /** Errors' faint guide lines through the plot. */
  errorGuide: string;
  warning: string;
  marker: string;
  font: string;
}

const FALLBACK = "#888888";

export function readChartTheme(): ChartTheme {
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => normalizeColor(style.getPropertyValue(name).trim() || FALLBACK);
  const line = token("--chart-line");
  const fontFamily = style.getPropertyValue("--font-ui").trim() || "system-ui, sans-serif";
  return {
    text: token("--text"),
    muted: token("--text-muted"),
    faint: token("--text-faint"),
    grid: token("--chart-grid"),
    axis: token("--border-strong"),
    line,
    fillTop: withAlpha(line, 0.22),
    fillBottom: withAlpha(line, 0.02),
    surface: token("--surface"),
    error: token("--error"),
    errorGuide: withAlpha(token("--error"), 0.28),
    warning: token("--warning"),
    marker: token("--chart-marker"),
    font: `11px ${fontFamily}`,
  };
}

/** Calls `onChange` when the page's theme changes (the toggle, or the system's while following it). */
export function watchTheme(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  const media = window.matchMedia("(prefers-color-scheme: light)");
  media.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onChange);
  };
}

let probe: CanvasRenderingContext2D | null = null;

/** Any CSS colour → the canvas's own spelling ("#rrggbb" or "rgba(r, g, b, a)"), so alpha can be added. */
function normalizeColor(color: string): string {
  probe ??= document.createElement("canvas").getContext("2d");
  if (!probe) return color;
  probe.fillStyle = FALLBACK;
  probe.fillStyle = color;
  return String(probe.fillStyle);
}

/** "#5b9bff" or "rgba(91, 155, 255, 1)" with another alpha; unknown spellings are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex) {
    const n = Number.parseInt(hex[1] as string, 16);
    return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
  }
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(color);
  return rgb ? `rgba(${rgb[1]}, ${rgb[2]}, ${rgb[3]}, ${alpha})` : color;
}
