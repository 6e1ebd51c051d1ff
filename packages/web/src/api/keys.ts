/**
 * Every query key in one place, so invalidation can name a whole resource (`keys.connections.all`) and
 * the next engineer's hooks (series, raw logs) nest under the connection they belong to.
 */
import type { ListFilters } from "../state/url-state.js";

export const keys = {
  info: ["info"] as const,
  ingest: ["ingest", "status"] as const,
  connections: {
    all: ["connections"] as const,
    lists: ["connections", "list"] as const,
    list: (filters: ListFilters) => ["connections", "list", filters] as const,
    counts: ["connections", "count"] as const,
    count: (filters: Partial<ListFilters>) => ["connections", "count", filters] as const,
    detail: (id: number) => ["connections", "detail", id] as const,
    series: (id: number, range: { from?: number; to?: number; maxPoints: number }) =>
      ["connections", "detail", id, "series", range] as const,
    logs: (id: number, query: Record<string, unknown>) =>
      ["connections", "detail", id, "logs", query] as const,
  },
  insights: {
    all: ["insights"] as const,
    patterns: (limit: number) => ["insights", "patterns", limit] as const,
    versions: ["insights", "versions"] as const,
    errorLatency: ["insights", "error-latency"] as const,
    metrics: ["insights", "metrics"] as const,
    users: ["insights", "users"] as const,
  },
};
