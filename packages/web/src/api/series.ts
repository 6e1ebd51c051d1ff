/** /api/connections/:id/series: the four metric series as columns (what uPlot takes), whole or one range. */
import { useQuery } from "@tanstack/react-query";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import { METRICS, type SeriesResponse } from "./types.js";

/** Enough for a 1,920 px chart at 2 points per pixel; min-max downsampling keeps the spikes. */
export const OVERVIEW_POINTS = 2400;
/** A zoomed range at full resolution, with a ceiling so a huge range cannot ask for millions of points. */
export const ZOOM_POINTS = 50_000;
const PENDING_POLL_MS = 2000;

export interface SeriesWindow {
  /** Seconds on the logs' time axis (inclusive); both undefined = the whole session. */
  from?: number;
  to?: number;
  maxPoints: number;
}

const stillIngesting = (data: SeriesResponse | undefined) =>
  data !== undefined && METRICS.some((metric) => data[metric].status === "pending");

export function useSeries(id: number, window: SeriesWindow, { enabled = true } = {}) {
  const { from, to, maxPoints } = window;
  return useQuery({
    enabled,
    queryKey: keys.connections.series(id, { from, to, maxPoints }),
    queryFn: ({ signal }) =>
      apiFetch<SeriesResponse>(
        apiUrl(`/connections/${id}/series`, { maxPoints, from, to, format: "columns" }),
        { signal },
      ),
    // A log being ingested becomes ok (or missing, or not a log) within seconds: ask until it settles.
    refetchInterval: (query) => (stillIngesting(query.state.data) ? PENDING_POLL_MS : false),
  });
}
