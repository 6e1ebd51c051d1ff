/** /api/connections/:id: one connection's detail, and re-fetching its logs. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type { ConnectionDetail, RefetchResponse } from "./types.js";

const settling = (detail: ConnectionDetail | undefined) =>
  detail !== undefined && (detail.client.status === "pending" || detail.server.status === "pending");

export function useConnection(id: number | null) {
  return useQuery({
    queryKey: keys.connections.detail(id ?? -1),
    queryFn: ({ signal }) => apiFetch<ConnectionDetail>(apiUrl(`/connections/${id}`), { signal }),
    enabled: id !== null,
    // A log still being ingested changes within seconds: look again until both are settled.
    refetchInterval: (query) => (settling(query.state.data) ? 2000 : false),
  });
}

/** POST /refetch (the Retry of a temporarily unavailable log), then watch it settle. */
export function useRefetchLogs(id: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<RefetchResponse>(apiUrl(`/connections/${id}/refetch`), { method: "POST" }),
    onSuccess: () => {
      client.invalidateQueries({ queryKey: keys.connections.detail(id) });
      client.invalidateQueries({ queryKey: keys.ingest });
    },
  });
}
