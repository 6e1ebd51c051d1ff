import type { ReactNode } from "react";
import { errorMessage } from "../../api/http.js";
import { formatCount, formatMs, formatRate } from "../../format/format.js";
import { clearFilters, isFiltered } from "../../state/url-state.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { Skeleton } from "../common/StateMessage.js";
import { type Figure, useFleetFigures } from "./use-fleet-figures.js";

interface TileProps {
  label: string;
  figure: Figure;
  format: (value: number) => string;
  caption: ReactNode;
  /** What clicking does, said to screen readers and in the tooltip. */
  action?: string;
  pressed?: boolean;
  tone?: "error";
  onClick?: () => void;
}

function Tile({ label, figure, format, caption, action, pressed, tone, onClick }: TileProps) {
  const shown = figure.loading ? null : figure.value === null ? "—" : format(figure.value);
  const body = (
    <>
      <span className="tile-label">{label}</span>
      <span className="tile-value num" data-tone={tone}>
        {shown ?? <Skeleton width={72} height={22} />}
      </span>
      <span className="tile-caption">{caption}</span>
    </>
  );
  if (!onClick) return <div className="tile">{body}</div>;
  return (
    <button
      type="button"
      className="tile tile-button"
      aria-pressed={pressed}
      // One clear name ("Missing logs: 7. Show connections with a missing log"), not the tile's text run together.
      aria-label={`${label}: ${shown ?? "loading"}. ${action ?? ""}`}
      title={action}
      onClick={onClick}
    >
      {body}
    </button>
  );
}

/** Fleet-wide figures that double as filters: one click narrows (or sorts) the table to what they count. */
export function FleetStrip() {
  const view = useView();
  const update = useUpdateView();
  const f = useFleetFigures();
  const slowestFirst = view.sort === "medianLatency" && view.order === "desc";
  const sortBySlowest = () => update({ sort: "medianLatency", order: "desc" });

  return (
    <section className="fleet-strip" aria-label="Fleet figures">
      <Tile
        label="Connections"
        figure={f.connections}
        format={formatCount}
        caption={isFiltered(view) ? "Show all" : "All sessions"}
        action="Show all connections (clear filters)"
        pressed={!isFiltered(view)}
        onClick={() => update(clearFilters(view))}
      />
      <Tile label="Users" figure={f.users} format={formatCount} caption="Distinct usernames" />
      <Tile
        label="Error rate"
        figure={f.errorRate}
        format={formatRate}
        caption="Of all log entries"
        action="Show connections with errors"
        pressed={view.hasErrors}
        tone="error"
        onClick={() => update({ hasErrors: !view.hasErrors })}
      />
      <Tile
        label="Median latency"
        figure={f.medianLatency}
        format={formatMs}
        caption="Typical session"
        action="Sort by median latency, slowest first"
        pressed={slowestFirst}
        onClick={sortBySlowest}
      />
      <Tile
        label="p95 latency"
        figure={f.p95Latency}
        format={formatMs}
        caption="Slowest 5%"
        action="Sort by median latency, slowest first"
        pressed={slowestFirst}
        onClick={sortBySlowest}
      />
      <Tile
        label="Missing logs"
        figure={f.missingLogs}
        format={formatCount}
        caption="With a missing log"
        action="Show connections with a missing log"
        pressed={view.status === "missing"}
        tone={f.missingLogs.value ? "error" : undefined}
        onClick={() => update({ status: view.status === "missing" ? null : "missing" })}
      />
      {f.error ? (
        <p className="fleet-error" role="alert">
          {`Some fleet figures could not be loaded: ${errorMessage(f.error)} `}
          <button type="button" className="btn btn-small" onClick={f.retry}>
            Retry
          </button>
        </p>
      ) : null}
    </section>
  );
}
