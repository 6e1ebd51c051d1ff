/**
 * The fleet strip's six figures, from the endpoints that already compute them: connection counts from the
 * list's `total`, error rate from the per-version totals, latency from the metric distributions.
 */
import { useConnectionCount } from "../../api/connections.js";
import { useErrorLatency, useFleetMetrics, useVersions } from "../../api/insights.js";

export interface Figure {
  value: number | null;
  loading: boolean;
}

const figure = (value: number | null | undefined, loading: boolean): Figure => ({
  value: value ?? null,
  loading,
});

export function useFleetFigures() {
  const connections = useConnectionCount({});
  const missing = useConnectionCount({ status: "missing" });
  const versions = useVersions();
  const metrics = useFleetMetrics();
  const errorLatency = useErrorLatency();

  const totals = versions.data?.items.reduce(
    (sum, v) => ({ entries: sum.entries + v.entries, errors: sum.errors + v.errors }),
    { entries: 0, errors: 0 },
  );
  // The API has no fleet-wide user count yet; the error/latency points carry the usernames of every
  // connection with a client log, which is what this figure counts (and its caption says so).
  const users = errorLatency.data
    ? new Set(errorLatency.data.points.map((p) => p.username).filter((u) => u !== null)).size
    : null;
  const latency = metrics.data?.latency.stats;

  return {
    connections: figure(connections.data, connections.isPending),
    users: figure(users, errorLatency.isPending),
    errorRate: figure(
      totals && totals.entries > 0 ? totals.errors / totals.entries : null,
      versions.isPending,
    ),
    medianLatency: figure(latency?.median, metrics.isPending),
    p95Latency: figure(latency?.p95, metrics.isPending),
    missingLogs: figure(missing.data, missing.isPending),
    error:
      connections.error ?? missing.error ?? versions.error ?? metrics.error ?? errorLatency.error ?? null,
    retry: () => {
      void connections.refetch();
      void missing.refetch();
      void versions.refetch();
      void metrics.refetch();
      void errorLatency.refetch();
    },
  };
}
