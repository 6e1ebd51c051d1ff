/**
 * The fleet strip's six figures, all of the whole fleet: connection counts from the list's `total`, users
 * from /insights/users (distinct usernames of every connection), error rate from the per-version totals,
 * latency from the metric distributions.
 */
import { useConnectionCount } from "../../api/connections.js";
import { useFleetMetrics, useFleetUsers, useVersions } from "../../api/insights.js";

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
  const users = useFleetUsers();

  const totals = versions.data?.items.reduce(
    (sum, v) => ({ entries: sum.entries + v.entries, errors: sum.errors + v.errors }),
    { entries: 0, errors: 0 },
  );
  const latency = metrics.data?.latency.stats;

  return {
    connections: figure(connections.data, connections.isPending),
    users: figure(users.data, users.isPending),
    errorRate: figure(
      totals && totals.entries > 0 ? totals.errors / totals.entries : null,
      versions.isPending,
    ),
    medianLatency: figure(latency?.median, metrics.isPending),
    p95Latency: figure(latency?.p95, metrics.isPending),
    missingLogs: figure(missing.data, missing.isPending),
    error: connections.error ?? missing.error ?? versions.error ?? metrics.error ?? users.error ?? null,
    retry: () => {
      void connections.refetch();
      void missing.refetch();
      void versions.refetch();
      void metrics.refetch();
      void users.refetch();
    },
  };
}
