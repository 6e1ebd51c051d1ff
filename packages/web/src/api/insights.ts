/** /api/insights/*: fleet-wide figures. The server memoises them for 5 s; so do we (staleTime). */
import { useQuery } from "@tanstack/react-query";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type {
  ErrorLatencyResponse,
  MetricsResponse,
  PatternsResponse,
  UsersResponse,
  VersionsResponse,
} from "./types.js";

const STALE_MS = 5000;

export function useVersions() {
  return useQuery({
    queryKey: keys.insights.versions,
    queryFn: ({ signal }) => apiFetch<VersionsResponse>(apiUrl("/insights/versions"), { signal }),
    staleTime: STALE_MS,
  });
}

export function useFleetMetrics() {
  return useQuery({
    queryKey: keys.insights.metrics,
    queryFn: ({ signal }) => apiFetch<MetricsResponse>(apiUrl("/insights/metrics"), { signal }),
    staleTime: STALE_MS,
  });
}

/** Distinct usernames across every connection (the fleet strip's "Users"). */
export function useFleetUsers() {
  return useQuery({
    queryKey: keys.insights.users,
    queryFn: ({ signal }) => apiFetch<UsersResponse>(apiUrl("/insights/users"), { signal }),
    staleTime: STALE_MS,
    select: (response) => response.users,
  });
}

export function useErrorLatency() {
  return useQuery({
    queryKey: keys.insights.errorLatency,
    queryFn: ({ signal }) => apiFetch<ErrorLatencyResponse>(apiUrl("/insights/error-latency"), { signal }),
    staleTime: STALE_MS,
  });
}

/** `enabled: false` until the panel is near the viewport: the page's first requests are for the rows. */
export function usePatterns(limit = 20, { enabled = true } = {}) {
  return useQuery({
    enabled,
    queryKey: keys.insights.patterns(limit),
    queryFn: ({ signal }) => apiFetch<PatternsResponse>(apiUrl("/insights/patterns", { limit }), { signal }),
    staleTime: STALE_MS,
  });
}
