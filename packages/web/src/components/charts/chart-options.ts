/**
 * The uPlot options of one metric chart: a time-of-day x axis (labels only on the chart at the bottom
 * of the stack; every chart keeps the tick strip), a value axis of fixed width so the four plot areas
 * line up to the pixel, colours read from the theme at draw time, and the shared cursor.
 */
import type uPlot from "uplot";
import type { ChartTheme } from "./chart-theme.js";
import {
  type DisplayUnit,
  formatClock,
  formatDisplayValue,
  TIME_INCREMENTS,
  timeAxisLabels,
  VALUE_INCREMENTS,
  valueAxisLabels,
} from "./format.js";
import { type ChartInteractions, interactionsPlugin, syncedCursor } from "./sync.js";
import { TICK_STRIP, type TimeMarks, timeMarksPlugin } from "./tick-plugin.js";

/** CSS px. The plot's canvas height is PLOT_HEIGHT plus the x axis below it. */
export const PLOT_HEIGHT = 128;
export const VALUE_AXIS_WIDTH = 56;
export const STRIP_AXIS_HEIGHT = TICK_STRIP.offset + TICK_STRIP.height + 4;
export const LABEL_AXIS_HEIGHT = STRIP_AXIS_HEIGHT + 18;

/** The title line above each plot (charts.css .chart-head). */
export const HEAD_HEIGHT = 22;

export const chartHeight = (timeLabels: boolean) =>
  PLOT_HEIGHT + (timeLabels ? LABEL_AXIS_HEIGHT : STRIP_AXIS_HEIGHT);

/** A whole row (title and plot; the stats beside it fit inside): fixed, so nothing moves on load. */
export const rowHeight = (timeLabels: boolean) => HEAD_HEIGHT + chartHeight(timeLabels);

export interface MetricChartSetup {
  readonly name: string;
  readonly unit: DisplayUnit;
  readonly timeLabels: boolean;
  readonly syncKey: string;
  readonly marks: () => TimeMarks;
  readonly actions: () => ChartInteractions;
  /** Writes the value under the cursor somewhere visible ("21:55:48.185 · 34.2 ms"), or clears it. */
  readonly readout: (text: string) => void;
}

export function metricChartOptions(
  setup: MetricChartSetup,
  theme: ChartTheme,
): Omit<uPlot.Options, "width" | "height"> {
  const grid = { stroke: () => theme.grid, width: 1 };
  return {
    legend: { show: false },
    padding: [10, 12, 0, 0],
    cursor: {
      ...syncedCursor(setup.syncKey, setup.actions),
      points: { size: 10, width: 2, fill: () => theme.line, stroke: () => theme.surface },
    },
    select: { show: true, left: 0, top: 0, width: 0, height: 0 },
    scales: {
      x: { time: false },
      // From zero (these are durations and sizes), with some headroom over the highest point.
      y: { range: { min: { pad: 0, soft: 0, mode: 1 }, max: { pad: 0.12, soft: 0, mode: 3 } } },
    },
    axes: [
      {
        scale: "x",
        size: setup.timeLabels ? LABEL_AXIS_HEIGHT : STRIP_AXIS_HEIGHT,
        space: 88,
        gap: STRIP_AXIS_HEIGHT - 2,
        font: theme.font,
        stroke: () => theme.muted,
        grid,
        ticks: { show: false },
        border: { show: true, stroke: () => theme.axis, width: 1 },
        incrs: TIME_INCREMENTS,
        values: setup.timeLabels
          ? (_u, splits, _axis, _space, incr) => timeAxisLabels(splits, incr)
          : (_u, splits) => splits.map(() => ""),
      },
      {
        scale: "y",
        size: VALUE_AXIS_WIDTH,
        space: 24,
        gap: 6,
        font: theme.font,
        stroke: () => theme.muted,
        grid,
        ticks: { show: false },
        incrs: VALUE_INCREMENTS,
        values: (_u, splits, _axis, _space, incr) => valueAxisLabels(splits, incr),
      },
    ],
    series: [
      {},
      {
        label: setup.name,
        stroke: () => theme.line,
        width: 1.5,
        fill: (u) => gradient(u, theme),
        spanGaps: false,
        points: { size: 4, width: 1 },
      },
    ],
    hooks: {
      setCursor: [(u) => setup.readout(readoutText(u, setup.unit))],
    },
    plugins: [timeMarksPlugin(theme, setup.marks), interactionsPlugin(setup.actions)],
  };
}

function gradient(u: uPlot, theme: ChartTheme): CanvasGradient | string {
  const { top, height } = u.bbox;
  if (!(height > 0)) return theme.fillBottom;
  const fill = u.ctx.createLinearGradient(0, top, 0, top + height);
  fill.addColorStop(0, theme.fillTop);
  fill.addColorStop(1, theme.fillBottom);
  return fill;
}

function readoutText(u: uPlot, unit: DisplayUnit): string {
  const idx = u.cursor.idx;
  if (idx === null || idx === undefined) return "";
  const time = u.data[0][idx];
  const value = u.data[1]?.[idx];
  if (time === undefined || value === null || value === undefined) return "";
  return `${formatClock(time, 3)} · ${formatDisplayValue(value, unit)}`;
}
