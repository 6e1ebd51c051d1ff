/**
 * GET /api/events (server-sent events): the page hears that stored data changed instead of asking.
 * Ingest progress is set straight from each event. When the number of connections changes (one was
 * registered, here or through another process), the lists, counts and insights are fetched again, at
 * most every 2 s, so new connections appear without a reload. While the stream is down (EventSource
 * reconnects by itself), ingest progress falls back to polling (ingest.ts).
 */
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type { ConnectionPage, FleetChange } from "./types.js";

const MIN_REFRESH_GAP_MS = 2000;
/**
 * The stream holds one of the browser's six HTTP/1.1 connections to the server for as long as the page
 * is open: it starts after the first screen's requests (rows, fleet figures) have had theirs.
 */
const START_DELAY_MS = 1500;

let streamOpen = false;

/** True while change events arrive: polling for ingest progress is then unnecessary. */
export function liveStreamOpen(): boolean {
  return streamOpen;
}

export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === "undefined") return;
    let source: EventSource | undefined;
    const refresh = throttledRefresh(client);
    const start = setTimeout(() => {
      source = listen(client, refresh);
    }, START_DELAY_MS);
    return () => {
      clearTimeout(start);
      source?.close();
      refresh.cancel();
      streamOpen = false;
    };
  }, [client]);
}

function listen(client: QueryClient, refresh: ReturnType<typeof throttledRefresh>): EventSource {
  const source = new EventSource(apiUrl("/events"));
  let connections: number | undefined;
  source.addEventListener("change", (event) => {
    const change = parseChange((event as MessageEvent<string>).data);
    if (change === undefined) return;
    streamOpen = true;
    client.setQueryData(keys.ingest, change.ingest);
    // Against what the page shows (the fleet's count), not only the previous event: connections
    // stored between the page's first fetch and the stream's start count too.
    const shown = client.getQueryData<ConnectionPage>(keys.connections.count({}))?.total ?? connections;
    if (shown !== undefined && change.connections !== shown) refresh.now();
    connections = change.connections;
  });
  source.addEventListener("error", () => {
    // Fetching the status once re-arms its polling (it polls only while the stream is down).
    if (streamOpen) void client.invalidateQueries({ queryKey: keys.ingest });
    streamOpen = false;
  });
  return source;
}

function parseChange(data: string): FleetChange | undefined {
  try {
    const change = JSON.parse(data) as FleetChange;
    return typeof change.connections === "number" && typeof change.ingest === "object" ? change : undefined;
  } catch {
    return undefined;
  }
}

/** Invalidates the lists and insights at once, or once the gap since the last time has passed. */
function throttledRefresh(client: QueryClient) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    timer = undefined;
    last = Date.now();
    void client.invalidateQueries({ queryKey: keys.connections.all });
    void client.invalidateQueries({ queryKey: keys.insights.all });
  };
  return {
    now() {
      if (timer !== undefined) return;
      const wait = last + MIN_REFRESH_GAP_MS - Date.now();
      if (wait <= 0) run();
      else timer = setTimeout(run, wait);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}
