/**
 * A uPlot plugin that draws on top of the plotted series: the log's ERROR (red) and WARNING (amber)
 * ticks in a strip just under the plot, on the time axis, and the shared moment as vertical lines (the
 * log line hovered in the raw viewer, dashed; the moment picked from a chart, solid with a pennant).
 */
import uPlot from "uplot";
import type { ChartTheme } from "./chart-theme.js";
import { type LevelTick, tickMarks } from "./ticks.js";

export interface TimeMarks {
  ticks: readonly LevelTick[];
  hovered: number | null;
  selected: number | null;
}

/** The strip's offset below the plot area and its height, CSS px (the x axis reserves room for it). */
export const TICK_STRIP = { offset: 3, height: 7 };

export function timeMarksPlugin(theme: ChartTheme, marks: () => TimeMarks): uPlot.Plugin {
  return {
    hooks: {
      draw: (u) => {
        const { min, max } = u.scales.x ?? {};
        if (min === undefined || max === undefined) return;
        const { ticks, hovered, selected } = marks();
        const ctx = u.ctx;
        ctx.save();
        drawTicks(u, ticks, min, max, theme);
        drawMoment(u, selected, theme.marker, [], true);
        drawMoment(u, hovered, theme.marker, [4, 3], false);
        ctx.restore();
      },
    },
  };
}

/**
 * Level is told by shape as well as colour: an error is a full-height, wider tick with a faint guide up
 * through the plot (so the moment can be read against the line); a warning is a shorter, thin tick.
 */
function drawTicks(u: uPlot, ticks: readonly LevelTick[], min: number, max: number, theme: ChartTheme) {
  if (ticks.length === 0) return;
  const ratio = uPlot.pxRatio;
  const { left, top, width, height } = u.bbox;
  const y = Math.round(top + height + TICK_STRIP.offset * ratio);
  const full = Math.round(TICK_STRIP.height * ratio);
  const column = Math.max(1, Math.round(2 * ratio));
  // One mark per column of 2 CSS px: a tick stays visible, and a dense burst reads as a band.
  const columns = Math.max(1, Math.floor(width / column));
  const step = width / columns;
  const ctx = u.ctx;
  for (const mark of tickMarks(ticks, min, max, columns)) {
    const x = Math.round(left + mark.x * step);
    if (mark.level === "error") {
      ctx.fillStyle = theme.errorGuide;
      ctx.fillRect(x, top, Math.max(1, Math.round(ratio)), height);
      ctx.fillStyle = theme.error;
      ctx.fillRect(x - Math.round(ratio / 2), y, column, full);
    } else {
      ctx.fillStyle = theme.warning;
      ctx.fillRect(
        x,
        y + Math.round(full * 0.35),
        Math.max(1, Math.round(1.5 * ratio)),
        full - Math.round(full * 0.35),
      );
    }
  }
}

function drawMoment(u: uPlot, time: number | null, color: string, dash: number[], flag: boolean) {
  if (time === null) return;
  const { min, max } = u.scales.x ?? {};
  if (min === undefined || max === undefined || time < min || time > max) return;
  const ratio = uPlot.pxRatio;
  const x = Math.round(u.valToPos(time, "x", true)) + 0.5;
  const { top, height } = u.bbox;
  const ctx = u.ctx;
  ctx.strokeStyle = color;
  ctx.lineWidth = Math.max(1, Math.round(1.5 * ratio));
  ctx.setLineDash(dash.map((d) => d * ratio));
  ctx.beginPath();
  ctx.moveTo(x, top);
  ctx.lineTo(x, top + height);
  ctx.stroke();
  ctx.setLineDash([]);
  if (flag) {
    // A small pennant on top tells the picked moment from the cursor's line.
    const size = 5 * ratio;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.moveTo(x - size, top);
    ctx.lineTo(x + size, top);
    ctx.lineTo(x, top + size * 1.2);
    ctx.closePath();
    ctx.fill();
  }
}
