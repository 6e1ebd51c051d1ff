/**
 * The one uPlot wrapper. It creates the plot once (when there is data to plot), feeds later data through
 * setData, follows its container's width (ResizeObserver), re-reads the theme's colours when the theme
 * changes, and destroys the plot on unmount. The x range is the caller's (the charts share one time axis
 * and one zoom), so it survives setData.
 *
 * The container is one element from the skeleton to the drawn chart (a named figure with a text summary
 * for assistive technology; the canvas is hidden from it): nothing a test or a screen reader holds on to
 * is replaced when the data arrives, and nothing moves (the plot's height is reserved from the start).
 */
import { type ReactNode, useEffect, useLayoutEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { type ChartTheme, readChartTheme, watchTheme } from "./chart-theme.js";

export interface UPlotChartProps {
  /** The accessible name of the container, e.g. "Latency chart". */
  label: string;
  /** What a screen reader hears instead of the canvas: the series' extent and statistics in words. */
  summary: string;
  /** Columnar data straight from the API: [xs, ys…], ys with null for gaps; null: nothing to plot yet. */
  data: uPlot.AlignedData | null;
  /** Shown in the plot's place while `data` is null (a skeleton, or why there is no chart). */
  fallback?: ReactNode;
  busy?: boolean;
  /** The visible time range [min, max] (the same on every chart of a group). */
  xRange: readonly [number, number] | null;
  /** CSS px; the width follows the container. */
  height: number;
  /**
   * Builds the options when the plot is created; colour callbacks should read `theme`. Pass a stable
   * function: a new one re-creates the plot (e.g. when the chart gains the time labels).
   */
  options: (theme: ChartTheme) => Omit<uPlot.Options, "width" | "height">;
  /** Change it to repaint overlays (markers, ticks) that the options' hooks read from elsewhere. */
  redrawKey?: string;
  /** Keys on the focused chart (the container is a tab stop); return true when the key was used. */
  onKey?: (plot: uPlot, event: KeyboardEvent) => boolean;
}

export function UPlotChart(props: UPlotChartProps) {
  const { label, summary, data, fallback, busy, xRange, height, options, redrawKey, onKey } = props;
  const hostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  // The latest props, for the plot's creation and for its callbacks.
  const latest = useRef({ data, xRange, height });
  latest.current = { data, xRange, height };
  const plotting = data !== null && xRange !== null;

  useLayoutEffect(() => {
    const host = hostRef.current;
    const initial = latest.current;
    if (!host || !plotting || initial.data === null) return;
    const theme = readChartTheme();
    const base = options(theme);
    const plot = new uPlot(
      {
        ...base,
        width: Math.max(1, Math.floor(host.clientWidth)),
        height: initial.height,
        scales: {
          ...base.scales,
          // Whatever uPlot would fit to the data, the group's range wins (also after setData).
          x: {
            ...base.scales?.x,
            range: (_u, min, max) => {
              const range = latest.current.xRange;
              return range ? [range[0], range[1]] : [min, max];
            },
          },
        },
      },
      initial.data,
      host,
    );
    plotRef.current = plot;

    const resize = new ResizeObserver(([entry]) => {
      const width = Math.floor(entry?.contentRect.width ?? 0);
      if (width > 0 && width !== plot.width) plot.setSize({ width, height: latest.current.height });
    });
    resize.observe(host);
    const stopWatching = watchTheme(() => {
      Object.assign(theme, readChartTheme());
      plot.redraw(true, false);
    });
    return () => {
      resize.disconnect();
      stopWatching();
      plot.destroy();
      plotRef.current = null;
    };
  }, [plotting, options]);

  useEffect(() => {
    const plot = plotRef.current;
    if (plot && data !== null && plot.data !== data) plot.setData(data);
  }, [data]);

  const [min, max] = xRange ?? [null, null];
  useEffect(() => {
    const plot = plotRef.current;
    if (!plot || min === null || max === null) return;
    if (plot.scales.x?.min !== min || plot.scales.x?.max !== max) plot.setScale("x", { min, max });
  }, [min, max]);

  useEffect(() => {
    const plot = plotRef.current;
    if (plot && plot.height !== height) plot.setSize({ width: plot.width, height });
  }, [height]);

  useEffect(() => {
    if (redrawKey !== undefined) plotRef.current?.redraw(false);
  }, [redrawKey]);

  return (
    <figure
      className="uplot-chart"
      aria-label={label}
      aria-busy={busy || undefined}
      // A tab stop once drawn, so the keyboard reaches the chart: its name and summary are read, and
      // onKey acts on it (cursor, pick, reset).
      tabIndex={plotting ? 0 : undefined}
      onKeyDown={(event) => {
        const plot = plotRef.current;
        if (plot && onKey?.(plot, event.nativeEvent)) event.preventDefault();
      }}
      onBlur={() => plotRef.current?.setCursor({ left: -10, top: -10 })}
    >
      <div ref={hostRef} className="uplot-chart-host" style={{ height }} aria-hidden="true" />
      {plotting ? null : <div className="uplot-chart-fallback">{fallback}</div>}
      <p className="visually-hidden">{summary}</p>
    </figure>
  );
}
