import type { UseQueryResult } from "@tanstack/react-query";
import type { SeriesResponse } from "../../api/types.js";
import { METRICS } from "../../api/types.js";
import { formatCount } from "../../format/format.js";
import { formatClock, formatTimeRange } from "./format.js";
import type { LogTicks } from "./use-log-ticks.js";

interface ChartsToolbarProps {
  titleId: string;
  /** False when neither log has data: the notices below say why, and there is nothing to explain here. */
  charting: boolean;
  zoom: [number, number] | null;
  zoomLoading: boolean;
  zoomFailed: boolean;
  zoomData: SeriesResponse | undefined;
  disjoint: { client: [number, number]; server: [number, number] } | null;
  ticks: UseQueryResult<LogTicks>;
  onReset: () => void;
}

/**
 * One line above the charts, always the same height: the title, the tick legend, and what the charts
 * show right now (how to zoom; the zoomed range and its resolution; logs that never overlap in time).
 */
export function ChartsToolbar(props: ChartsToolbarProps) {
  const { titleId, charting, zoom, zoomLoading, zoomFailed, zoomData, disjoint, ticks, onReset } = props;
  const title = (
    <h3 className="subsection-title" id={titleId}>
      Time series
    </h3>
  );
  if (!charting) return <div className="charts-toolbar">{title}</div>;
  return (
    <div className="charts-toolbar">
      {title}
      <TickLegend ticks={ticks} />
      <p className="charts-status" aria-live="polite">
        {zoom !== null ? (
          <>
            <span className="num">{`Zoomed to ${formatTimeRange(zoom[0], zoom[1])}`}</span>
            {zoomFailed ? (
              <span className="error-text">{" · couldn't load every point; showing the overview"}</span>
            ) : (
              <span className="faint">{` · ${resolution(zoomLoading, zoomData)}`}</span>
            )}
          </>
        ) : disjoint !== null ? (
          <span className="charts-warning">
            {`The logs do not overlap in time: client ${span(disjoint.client)}, server ${span(disjoint.server)}. Drag to zoom into one.`}
          </span>
        ) : (
          <span className="faint">
            Drag across a chart to zoom · double-click to reset · click a point to find its log lines
          </span>
        )}
      </p>
      {/* Hidden (not removed) while not zoomed: the line keeps its layout. */}
      <button type="button" className="btn btn-small" onClick={onReset} hidden={zoom === null}>
        Reset zoom
      </button>
    </div>
  );
}

function TickLegend({ ticks }: { ticks: UseQueryResult<LogTicks> }) {
  if (ticks.isError) {
    return (
      <span className="charts-legend">
        <span className="error-text">Couldn't load the error ticks.</span>
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void ticks.refetch()}>
          Retry
        </button>
      </span>
    );
  }
  const partial = ticks.data && ticks.data.total > ticks.data.shown;
  return (
    <span className="charts-legend">
      <span className="tick-key" data-level="error">
        ERROR
      </span>
      <span className="tick-key" data-level="warning">
        WARNING
      </span>
      <span className="faint">
        {partial
          ? `on the time axis (the first ${formatCount(ticks.data?.shown)} of ${formatCount(ticks.data?.total)})`
          : "on the time axis"}
      </span>
    </span>
  );
}

function resolution(loading: boolean, data: SeriesResponse | undefined): string {
  if (loading || data === undefined) return "loading full resolution…";
  const thinned = METRICS.some((m) => (data[m].t?.length ?? 0) < data[m].totalPoints);
  return thinned ? "downsampled (a very long range)" : "every point";
}

const span = ([from, to]: [number, number]) => `${formatClock(from)}–${formatClock(to)}`;
