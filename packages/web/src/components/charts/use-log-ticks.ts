/**
 * The ERROR/WARNING entries of both logs, for the ticks on the charts' time axis. One request
 * (GET /logs?level=…&limit=2000&side=both); the key carries the logs' statuses, so a log that finishes
 * ingesting (or is re-fetched) is asked for again. Kept apart from the raw viewer's queries ("use").
 */
import { useQuery } from "@tanstack/react-query";
import { apiFetch, apiUrl } from "../../api/http.js";
import { keys } from "../../api/keys.js";
import type { LogStatus, RawLogPage } from "../../api/types.js";
import { type SideTicks, TICK_LEVELS, ticksFromLogItems } from "./ticks.js";

export const TICK_LIMIT = 2000;

export interface LogTicks extends SideTicks {
  /** Matching entries in both logs, and how many of them are ticks (at most TICK_LIMIT). */
  total: number;
  shown: number;
}

const toTicks = (page: RawLogPage): LogTicks => ({
  ...ticksFromLogItems(page.items),
  total: page.total,
  shown: page.items.length,
});

export function useLogTicks(id: number, statuses: { client: LogStatus; server: LogStatus }) {
  const enabled = statuses.client === "ok" || statuses.server === "ok";
  return useQuery({
    enabled,
    queryKey: keys.connections.logs(id, { use: "chart-ticks", level: TICK_LEVELS, ...statuses }),
    queryFn: ({ signal }) =>
      apiFetch<RawLogPage>(
        apiUrl(`/connections/${id}/logs`, { level: TICK_LEVELS, limit: TICK_LIMIT, side: "both" }),
        { signal },
      ),
    select: toTicks,
    // An ingested log does not change until it is re-fetched, and then its status (in the key) changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
