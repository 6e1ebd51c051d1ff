/** /api/ingest/status: progress while logs are ingested; when it finishes, the lists are fetched again. */
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { liveStreamOpen } from "./events.js";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type { IngestStatus } from "./types.js";

const POLL_MS = 1500;

export function useIngestStatus() {
  const query = useQuery({
    queryKey: keys.ingest,
    queryFn: ({ signal }) => apiFetch<IngestStatus>(apiUrl("/ingest/status"), { signal }),
    // Poll only while there is something to watch and the event stream (events.ts) is not telling us;
    // a Retry invalidates this query and polling resumes.
    refetchInterval: (q) => ((q.state.data?.pending ?? 0) > 0 && !liveStreamOpen() ? POLL_MS : false),
    staleTime: 0,
  });
  useRefreshWhenIngested(query.data);
  return query;
}

/**
 * Rows show "ingesting" badges and the fleet figures are partial while logs are pending. When pending
 * reaches 0 (and at most every 15 s before), the cached lists, counts and insights are refreshed.
 */
function useRefreshWhenIngested(status: IngestStatus | undefined) {
  const client = useQueryClient();
  const last = useRef<{ pending: number; at: number } | null>(null);
  useEffect(() => {
    if (!status) return;
    const previous = last.current;
    const now = Date.now();
    const finished = previous !== null && previous.pending > 0 && status.pending === 0;
    const due = previous !== null && status.pending > 0 && now - previous.at > 15_000;
    if (previous === null || finished || due) last.current = { pending: status.pending, at: now };
    else last.current = { pending: status.pending, at: previous.at };
    if (finished || due) {
      client.invalidateQueries({ queryKey: keys.connections.all });
      client.invalidateQueries({ queryKey: keys.insights.all });
    }
  }, [status, client]);
}
