import { useCallback, useMemo, useRef } from "react";
import type { MetricSeries, SeriesStats } from "../../api/types.js";
import { useMoment } from "../detail/moment.js";
import { ChartStats } from "./ChartStats.js";
import { chartHeight, metricChartOptions, rowHeight } from "./chart-options.js";
import type { ChartTheme } from "./chart-theme.js";
import { chartSummary, type MetricView } from "./metrics.js";
import { toChartColumns } from "./series-data.js";
import { type ChartInteractions, chartKey } from "./sync.js";
import type { TimeMarks } from "./tick-plugin.js";
import { countTicks, type LevelTick } from "./ticks.js";
import { UPlotChart } from "./UPlotChart.js";

export interface MetricChartProps {
  view: MetricView;
  /** The points on screen (the whole session, or the zoomed range); undefined while loading. */
  series: MetricSeries | undefined;
  /** The whole log's statistics (the same whatever the zoom). */
  stats: SeriesStats | null | undefined;
  xRange: readonly [number, number] | null;
  /** Only the lowest chart of the stack labels the time axis. */
  timeLabels: boolean;
  syncKey: string;
  ticks: readonly LevelTick[];
  actions: ChartInteractions;
}

const KEYS_HINT =
  "Keys: left and right arrows move the cursor, Enter shows the log lines at that moment, Escape resets the zoom.";

/**
 * One metric: its title and the value under the cursor, the chart (a skeleton while loading, or a
 * sentence when the log has no such lines), and its statistics. The chart's container is the same
 * element in every state, and every state has the same height.
 */
export function MetricChart({
  view,
  series,
  stats,
  xRange,
  timeLabels,
  syncKey,
  ticks,
  actions,
}: MetricChartProps) {
  const { hovered, selected } = useMoment();
  const readoutRef = useRef<HTMLSpanElement>(null);
  const loading = series === undefined || xRange === null;
  const hasPoints = stats !== null && stats !== undefined && stats.count > 0;

  // What the plot's hooks read at draw and event time; refreshed on every render.
  const live = useRef<{ marks: TimeMarks; actions: ChartInteractions }>({
    marks: { ticks, hovered, selected },
    actions,
  });
  live.current = { marks: { ticks, hovered, selected }, actions };

  const t = series?.t;
  const v = series?.v;
  const unit = view.unit;
  const data = useMemo(
    () => (t === undefined || v === undefined || !hasPoints ? null : toChartColumns(t, v, unit)),
    [t, v, unit, hasPoints],
  );
  const options = useCallback(
    (theme: ChartTheme) =>
      metricChartOptions(
        {
          name: view.title,
          unit: view.display,
          timeLabels,
          syncKey,
          marks: () => live.current.marks,
          actions: () => live.current.actions,
          readout: (text) => {
            if (readoutRef.current) readoutRef.current.textContent = text;
          },
        },
        theme,
      ),
    [view, timeLabels, syncKey],
  );
  const counts = useMemo(() => countTicks(ticks), [ticks]);
  const summary = loading
    ? `${view.title}: loading.`
    : hasPoints && series
      ? `${chartSummary(view, { t: series.t, totalPoints: series.totalPoints, stats: stats ?? null }, counts)} ${KEYS_HINT}`
      : `No ${view.noun} lines in this log.`;

  return (
    <div className="chart-row" data-metric={view.metric} style={{ height: rowHeight(timeLabels) }}>
      <div className="chart-main">
        <div className="chart-head">
          <h4 className="chart-title">
            {view.title} <span className="chart-unit">{view.display}</span>
          </h4>
          <span className="chart-readout num" ref={readoutRef} aria-hidden="true" />
        </div>
        <div className="chart-plot">
          <UPlotChart
            label={view.label}
            summary={summary}
            data={data}
            busy={loading}
            fallback={
              loading ? (
                <span className="chart-skeleton" aria-hidden="true" />
              ) : (
                <p className="chart-placeholder-text">{`No ${view.noun} lines in this log`}</p>
              )
            }
            xRange={xRange}
            height={chartHeight(timeLabels)}
            options={options}
            redrawKey={`${ticks.length}:${ticks[0]?.t ?? ""}:${hovered ?? ""}:${selected ?? ""}`}
            onKey={(plot, event) => chartKey(plot, event, live.current.actions)}
          />
          {data !== null && data[0].length === 0 ? (
            <p className="chart-overlay-text">{`No ${view.noun} points in this range`}</p>
          ) : null}
        </div>
      </div>
      <ChartStats
        title={view.title}
        side={view.side}
        stats={stats ?? null}
        unit={view.unit}
        loading={loading}
      />
    </div>
  );
}
