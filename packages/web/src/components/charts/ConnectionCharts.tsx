import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { keys } from "../../api/keys.js";
import { OVERVIEW_POINTS, useSeries, ZOOM_POINTS } from "../../api/series.js";
import { type ConnectionDetail, type LogStatus, METRICS, type SeriesResponse } from "../../api/types.js";
import { ErrorState } from "../common/StateMessage.js";
import { useMoment } from "../detail/moment.js";
import { ChartsToolbar } from "./ChartsToolbar.js";
import { rowHeight } from "./chart-options.js";
import "./charts.css";
import { MetricChart } from "./MetricChart.js";
import { MissingLogNotice } from "./MissingLogNotice.js";
import { METRIC_VIEWS, viewsOf } from "./metrics.js";
import { disjointSpans, timeExtent } from "./series-data.js";
import type { ChartInteractions } from "./sync.js";
import { syncKey } from "./sync.js";
import type { LevelTick, TickSide } from "./ticks.js";
import { useLogTicks } from "./use-log-ticks.js";

const SIDES: readonly TickSide[] = ["client", "server"];
const NO_TICKS: readonly LevelTick[] = [];
/**
 * Two charts and the gap between them (charts.css .chart-stack): a log being ingested holds exactly the
 * place its charts will take. A log that will not have data gets a compact notice instead.
 */
const TWO_ROWS = 2 * rowHeight(false) + 12;
/** Drag ends are rounded to the millisecond: the log's own resolution, and stable query keys. */
const toMs = (t: number) => Math.round(t * 1000) / 1000;

/**
 * The four series of one connection on one time axis: latency and decode time (client log), encode
 * time and encode size (server log). Cursor and zoom are shared; a log without data gets a notice in
 * place of its two charts; the skeleton, the charts and the notices all have the same fixed heights.
 */
export function ConnectionCharts({ connection }: { connection: ConnectionDetail }) {
  const id = connection.connectionId;
  const key = syncKey(id, useId());
  const { select } = useMoment();
  const [zoom, setZoom] = useState<[number, number] | null>(null);
  const overview = useSeries(id, { maxPoints: OVERVIEW_POINTS });
  const zoomed = useSeries(
    id,
    { from: zoom?.[0], to: zoom?.[1], maxPoints: ZOOM_POINTS },
    { enabled: zoom !== null },
  );
  useRefreshOnStatusChange(connection);

  // The series answer says what it drew; until it arrives, the detail's statuses lay out the stack.
  const statusOf = (side: TickSide): LogStatus =>
    overview.data?.[viewsOf(side)[0]?.metric ?? "latency"].status ?? connection[side].status;
  const statuses = { client: statusOf("client"), server: statusOf("server") };
  const ticks = useLogTicks(id, statuses);

  const spans = useMemo(() => sideSpans(overview.data), [overview.data]);
  const extent = useMemo(() => timeExtent([spans.client, spans.server]), [spans]);
  const shown = zoom !== null && zoomed.data ? zoomed.data : overview.data;
  const xRange = zoom ?? extent;

  const actions = useMemo<ChartInteractions>(
    () => ({
      onZoom: (from, to) => setZoom([toMs(from), toMs(to)]),
      onReset: () => setZoom(null),
      onPick: (time) => select(time),
    }),
    [select],
  );
  // The lowest chart labels the time axis. A log being ingested counts: its charts will appear in the
  // place held for them, and the labels are already where they will stay.
  const drawn = METRIC_VIEWS.filter((v) => statuses[v.side] === "ok" || statuses[v.side] === "pending");
  const lowest = drawn[drawn.length - 1]?.metric;

  return (
    <section className="charts" aria-labelledby={`${key}-title`}>
      <ChartsToolbar
        titleId={`${key}-title`}
        charting={SIDES.some((side) => statuses[side] === "ok" || statuses[side] === "pending")}
        zoom={zoom}
        zoomLoading={zoom !== null && zoomed.isFetching}
        zoomFailed={zoom !== null && zoomed.isError}
        zoomData={zoom !== null ? zoomed.data : undefined}
        disjoint={disjointSpans(spans.client, spans.server)}
        ticks={ticks}
        onReset={() => setZoom(null)}
      />
      {overview.isError ? (
        <div className="chart-stack-error" style={{ minHeight: TWO_ROWS }}>
          <ErrorState what="the time series" error={overview.error} onRetry={() => void overview.refetch()} />
        </div>
      ) : (
        <div className="chart-stack">
          {SIDES.map((side) =>
            statuses[side] === "ok" ? (
              viewsOf(side).map((view) => (
                <MetricChart
                  key={view.metric}
                  view={view}
                  series={shown?.[view.metric]}
                  stats={overview.data?.[view.metric].stats}
                  xRange={xRange}
                  timeLabels={view.metric === lowest}
                  syncKey={key}
                  ticks={ticks.data?.[side] ?? NO_TICKS}
                  actions={actions}
                />
              ))
            ) : (
              <MissingLogNotice
                key={side}
                connectionId={id}
                side={side}
                status={statuses[side]}
                lastError={connection[side].lastError}
                views={viewsOf(side)}
                height={statuses[side] === "pending" ? TWO_ROWS : undefined}
              />
            ),
          )}
        </div>
      )}
    </section>
  );
}

/** Each log's time span, from its metrics that have points. */
function sideSpans(data: SeriesResponse | undefined): Record<TickSide, [number, number] | null> {
  const span = (side: TickSide) =>
    data ? timeExtent(METRICS.filter((m) => data[m].side === side).map((m) => data[m].t)) : null;
  return { client: span("client"), server: span("server") };
}

/**
 * The detail is polled while a log is ingested, and a Retry changes a status: when the detail's
 * statuses change, the series are asked for again at once (their own polling would catch up within 2 s).
 */
function useRefreshOnStatusChange(connection: ConnectionDetail) {
  const client = useQueryClient();
  const id = connection.connectionId;
  const statuses = `${connection.client.status}/${connection.server.status}`;
  const previous = useRef(statuses);
  useEffect(() => {
    if (previous.current === statuses) return;
    previous.current = statuses;
    void client.invalidateQueries({ queryKey: [...keys.connections.detail(id), "series"] });
  }, [client, id, statuses]);
}
