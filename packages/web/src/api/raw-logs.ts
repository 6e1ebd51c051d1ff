/**
 * /api/connections/:id/logs: a connection's raw log lines, one side or both interleaved by time, for the
 * virtualized viewer. The viewer knows the whole filtered length (`total`) from the first page and asks
 * for fixed pages by offset as they scroll into view; TanStack Query is the sparse page cache.
 */
import {
  keepPreviousData,
  type QueryClient,
  queryOptions,
  type UseQueryResult,
  useQueries,
  useQuery,
} from "@tanstack/react-query";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type { RawLogPage, RawSide } from "./types.js";

export type { RawSide };

/** Entries per request: large enough that scrolling seldom waits, small enough to answer fast. */
export const LOG_PAGE_SIZE = 500;

export interface RawLogFilter {
  readonly side: RawSide;
  /** Levels to keep, in a stable order; empty: every level. */
  readonly levels: readonly string[];
  /** Trimmed search text; empty: no search. */
  readonly q: string;
}

/** One fetched page, with what it answers, so a caller holding placeholder data knows which filter it shows. */
export interface LoadedPage {
  readonly filter: RawLogFilter;
  readonly index: number;
  readonly page: RawLogPage;
}

/**
 * `version` changes when a log's ingestion state does (e.g. "pending/ok" → "ok/ok"): the answer depends on
 * it, and otherwise a log never changes, so pages are cached for good under their key.
 */
function logKey(id: number, filter: RawLogFilter, version: string, extra: Record<string, number>) {
  return keys.connections.logs(id, {
    side: filter.side,
    level: filter.levels.join(","),
    q: filter.q,
    version,
    ...extra,
  });
}

function logUrl(id: number, filter: RawLogFilter, extra: { cursor?: number; at?: number; limit: number }) {
  return apiUrl(`/connections/${id}/logs`, {
    side: filter.side,
    level: filter.levels.join(","),
    q: filter.q,
    cursor: extra.cursor === 0 ? undefined : extra.cursor,
    at: extra.at,
    limit: extra.limit,
  });
}

export function rawLogPageOptions(id: number, filter: RawLogFilter, version: string, index: number) {
  return queryOptions({
    queryKey: logKey(id, filter, version, { page: index }),
    queryFn: async ({ signal }): Promise<LoadedPage> => {
      const url = logUrl(id, filter, { cursor: index * LOG_PAGE_SIZE, limit: LOG_PAGE_SIZE });
      return { filter, index, page: await apiFetch<RawLogPage>(url, { signal }) };
    },
    staleTime: Number.POSITIVE_INFINITY,
    // Pages scrolled past are dropped a minute after they leave the screen: a 100,000-line log is not
    // kept whole in memory just because someone dragged the scrollbar through it.
    gcTime: 60_000,
  });
}

/**
 * The first page: `total`, each side's state and preamble. While a new filter's first page loads, the
 * previous answer stays (placeholder data), so typing in the search does not blank the viewer.
 */
export function useRawLogHead(id: number, filter: RawLogFilter, version: string) {
  return useQuery({ ...rawLogPageOptions(id, filter, version, 0), placeholderData: keepPreviousData });
}

export interface PageSet {
  readonly pages: ReadonlyMap<number, RawLogPage>;
  /** The first failure among the wanted pages, if any. */
  readonly error: Error | null;
  readonly refetch: () => void;
}

const combinePages = (results: UseQueryResult<LoadedPage, Error>[]): PageSet => {
  const pages = new Map<number, RawLogPage>();
  let error: Error | null = null;
  for (const result of results) {
    if (result.data) pages.set(result.data.index, result.data.page);
    else if (result.error && error === null) error = result.error;
  }
  const refetch = () => {
    for (const result of results) if (result.isError) void result.refetch();
  };
  return { pages, error, refetch };
};

/** The wanted pages (sparse: the ones on or near the screen); each is fetched once and cached. */
export function useRawLogPages(
  id: number,
  filter: RawLogFilter,
  version: string,
  indices: readonly number[],
): PageSet {
  return useQueries({
    queries: indices.map((index) => rawLogPageOptions(id, filter, version, index)),
    combine: combinePages,
  });
}

/**
 * Where a moment falls in the filtered log: the offset of the first entry at or after `at` seconds
 * (equal to `total` when every entry is earlier). One entry is enough to learn it; the viewer's pages
 * then load as it scrolls there.
 */
export async function locateMoment(
  client: QueryClient,
  id: number,
  filter: RawLogFilter,
  version: string,
  at: number,
): Promise<{ offset: number; total: number }> {
  const page = await client.fetchQuery({
    queryKey: logKey(id, filter, version, { at }),
    queryFn: ({ signal }) => apiFetch<RawLogPage>(logUrl(id, filter, { at, limit: 1 }), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
  });
  return { offset: page.offset, total: page.total };
}
