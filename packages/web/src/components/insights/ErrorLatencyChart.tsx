import { memo, useMemo } from "react";
import type { ErrorLatencyPoint, ErrorLatencyResponse } from "../../api/types.js";
import { formatCount, formatMs } from "../../format/format.js";
import { useUpdateView } from "../../state/use-url-state.js";
import {
  correlationWords,
  errorPosition,
  errorTicks,
  formatCoefficient,
  logPosition,
  logTicks,
} from "./insights-format.js";
import { revealRegion } from "./reveal.js";
import { useWidth } from "./use-width.js";

const HEIGHT = 260;
const MARGIN = { top: 10, right: 14, bottom: 40, left: 74 };

/**
 * Errors vs median latency, one dot per connection with a client log, as a small SVG: a few hundred to a
 * few thousand dots draw fast, stay sharp, follow the theme through CSS, and every dot has a tooltip.
 * Errors are on a log(1 + x) axis (most sessions have a handful, a few have hundreds) and latency on a
 * log axis (most sessions 20–50 ms, a few seconds); the coefficients are computed by the server on the
 * raw values. Above a few thousand connections the server sends an even sample of the dots (the
 * coefficients and n still cover every connection).
 */
export function ErrorLatencyChart({ data }: { data: ErrorLatencyResponse }) {
  return (
    <div className="scatter">
      <dl className="figures" aria-label="Correlation of errors and median latency">
        <div>
          <dt>Pearson r</dt>
          <dd className="num">{formatCoefficient(data.pearson)}</dd>
          <dd className="figure-note">{correlationWords(data.pearson)}</dd>
        </div>
        <div>
          <dt>Spearman ρ</dt>
          <dd className="num">{formatCoefficient(data.spearman)}</dd>
          <dd className="figure-note">{correlationWords(data.spearman)}</dd>
        </div>
        <div>
          <dt>Connections (n)</dt>
          <dd className="num">{formatCount(data.n)}</dd>
          <dd className="figure-note">
            with a client log
            {data.points.length < data.n
              ? `; ${formatCount(data.points.length)} drawn, spread over the fleet`
              : ""}
          </dd>
        </div>
      </dl>
      {data.points.length === 0 ? (
        <p className="muted panel-empty chart-empty" role="status">
          No connection has a client log with latency yet, so there is nothing to compare.
        </p>
      ) : (
        <ScatterPlot points={data.points} />
      )}
      <p className="muted chart-caption">
        Pearson measures a straight-line relation and is pulled by outliers; Spearman compares ranks, so it
        asks only “more errors, slower?”. Click a dot to open that connection.
      </p>
    </div>
  );
}

interface Scaled {
  point: ErrorLatencyPoint;
  x: number;
  y: number;
}

const ScatterPlot = memo(function ScatterPlot({ points }: { points: ErrorLatencyPoint[] }) {
  const [box, width] = useWidth<HTMLElement>();
  const update = useUpdateView();

  const plotWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const chart = useMemo(() => {
    const maxErrors = points.reduce((max, p) => Math.max(max, p.errors), 0);
    const maxLatency = points.reduce((max, p) => Math.max(max, p.medianLatency), 0);
    const positive = points.map((p) => p.medianLatency).filter((latency) => latency > 0);
    const minLatency = positive.length > 0 ? Math.min(...positive) : 0.001;
    const xTicks = errorTicks(maxErrors);
    const xTop = xTicks.at(-1) ?? 1;
    const yTicks = logTicks(minLatency, Math.max(maxLatency, minLatency));
    const yLow = yTicks[0] ?? 0.001;
    const yHigh = yTicks.at(-1) ?? 1;
    const xOf = (errors: number) => MARGIN.left + errorPosition(errors, xTop) * plotWidth;
    const yOf = (seconds: number) => MARGIN.top + plotHeight - logPosition(seconds, yLow, yHigh) * plotHeight;
    const scaled: Scaled[] = points.map((point) => ({
      point,
      x: xOf(point.errors),
      y: yOf(point.medianLatency),
    }));
    return { maxErrors, maxLatency, xTicks, yTicks, xOf, yOf, scaled };
  }, [points, plotWidth, plotHeight]);
  const { maxErrors, maxLatency, xTicks, yTicks, xOf, yOf, scaled } = chart;

  const open = (target: EventTarget) => {
    const id = Number((target as Element).getAttribute?.("data-id"));
    if (!Number.isSafeInteger(id)) return;
    update({ open: id });
    revealRegion(".detail");
  };

  const summary = `Scatter plot of ${formatCount(points.length)} connections: errors from 0 to ${formatCount(
    maxErrors,
  )} (log scale) against median latency up to ${formatMs(maxLatency)} (log scale).`;

  return (
    <figure ref={box} className="scatter-box" aria-label="Errors vs latency chart">
      {width > 0 ? (
        <svg
          className="scatter-svg"
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-label={summary}
        >
          <g className="chart-grid">
            {yTicks.map((tick) => (
              <g key={`y${tick}`}>
                <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={yOf(tick)} y2={yOf(tick)} />
                <text className="tick-label" x={MARGIN.left - 8} y={yOf(tick)} dy="0.32em" textAnchor="end">
                  {formatMs(tick)}
                </text>
              </g>
            ))}
            {xTicks.map((tick) => (
              <g key={`x${tick}`}>
                <line
                  className="grid-x"
                  x1={xOf(tick)}
                  x2={xOf(tick)}
                  y1={MARGIN.top}
                  y2={MARGIN.top + plotHeight}
                />
                <text
                  className="tick-label"
                  x={xOf(tick)}
                  y={MARGIN.top + plotHeight + 16}
                  textAnchor="middle"
                >
                  {formatCount(tick)}
                </text>
              </g>
            ))}
            <text className="axis-title" x={MARGIN.left + plotWidth / 2} y={HEIGHT - 4} textAnchor="middle">
              Errors in the session (log scale)
            </text>
            <text
              className="axis-title"
              transform={`translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)`}
              textAnchor="middle"
            >
              Median latency (log scale)
            </text>
          </g>
          {/* biome-ignore lint/a11y/noStaticElementInteractions: a mouse shortcut (click a dot to open its connection); every connection is in the table, which the keyboard reaches. */}
          <g className="dots" onClick={(event) => open(event.target)}>
            {scaled.map(({ point, x, y }) => (
              <circle
                key={point.connectionId}
                className="dot"
                cx={x}
                cy={y}
                r={3.5}
                data-id={point.connectionId}
              >
                <title>
                  {`Connection ${point.connectionId} · ${point.username ?? "unknown user"}\n${formatCount(point.errors)} ${
                    point.errors === 1 ? "error" : "errors"
                  } · median latency ${formatMs(point.medianLatency)}${point.version ? `\nVersion ${point.version}` : ""}`}
                </title>
              </circle>
            ))}
          </g>
        </svg>
      ) : null}
    </figure>
  );
});
