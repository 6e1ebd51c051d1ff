/** /api/connections: the paged list, counts for the fleet strip, and bookmarking (which edits the list). */
import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import type { ListFilters } from "../state/url-state.js";
import { apiFetch, apiUrl } from "./http.js";
import { keys } from "./keys.js";
import type { ConnectionDetail, ConnectionPage } from "./types.js";

/** Rows per request: two screens of the table, so one request usually covers a fling. */
export const PAGE_SIZE = 100;

function listParams(filters: Partial<ListFilters>) {
  return {
    q: filters.q,
    version: filters.version,
    status: filters.status,
    hasErrors: filters.hasErrors,
    bookmarked: filters.bookmarked,
    pattern: filters.pattern,
    // Defaults are left out: the same URL for the same view keeps the server's ETag cache useful.
    sort: filters.sort === "lastUpdated" ? undefined : filters.sort,
    order: filters.order === "desc" ? undefined : filters.order,
  };
}

const listOptions = (filters: ListFilters) =>
  infiniteQueryOptions({
    queryKey: keys.connections.list(filters),
    queryFn: ({ pageParam, signal }) =>
      apiFetch<ConnectionPage>(
        apiUrl("/connections", { ...listParams(filters), limit: PAGE_SIZE, cursor: pageParam }),
        { signal },
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export function useConnectionList(filters: ListFilters) {
  return useInfiniteQuery({
    ...listOptions(filters),
    // While a new search loads, keep showing the previous rows (dimmed) instead of flashing skeletons.
    placeholderData: keepPreviousData,
  });
}

/**
 * Starts the first page before React renders (main.tsx): the rows are what people wait for, and the
 * browser's six connections per host would otherwise be taken by the fleet figures first.
 */
export function prefetchConnectionList(client: QueryClient, filters: ListFilters): void {
  void client.prefetchInfiniteQuery(listOptions(filters));
}

/** How many connections match `filters` (one row fetched, `total` read): the fleet strip's figures. */
export function useConnectionCount(filters: Partial<ListFilters>) {
  return useQuery({
    queryKey: keys.connections.count(filters),
    queryFn: ({ signal }) =>
      apiFetch<ConnectionPage>(apiUrl("/connections", { ...listParams(filters), limit: 1 }), { signal }),
    select: (page) => page.total,
  });
}

type ListCache = InfiniteData<ConnectionPage, string | null>;

/** Star / un-star. Optimistic: every cached copy of the row flips at once, and flips back on failure. */
export function useToggleBookmark() {
  const client = useQueryClient();
  const setEverywhere = (id: number, bookmarked: boolean) => {
    client.setQueriesData<ListCache>({ queryKey: keys.connections.lists }, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((row) => (row.connectionId === id ? { ...row, bookmarked } : row)),
            })),
          }
        : data,
    );
    client.setQueryData<ConnectionDetail>(keys.connections.detail(id), (detail) =>
      detail ? { ...detail, bookmarked } : detail,
    );
  };
  return useMutation({
    mutationFn: ({ id, bookmarked }: { id: number; bookmarked: boolean }) =>
      apiFetch<void>(apiUrl(`/connections/${id}/bookmark`), { method: bookmarked ? "PUT" : "DELETE" }),
    onMutate: async ({ id, bookmarked }) => {
      // A fetch in flight would overwrite the flip with the old value. Only queries that already have data
      // are cancelled: cancelling a first load would leave it pending with nothing to show.
      await client.cancelQueries({
        queryKey: keys.connections.all,
        predicate: (query) => query.state.data !== undefined,
      });
      setEverywhere(id, bookmarked);
    },
    onError: (_error, { id, bookmarked }) => setEverywhere(id, !bookmarked),
    onSettled: () => {
      // Lists filtered to bookmarks (and their counts) now have a row more or less.
      client.invalidateQueries({
        predicate: (query) =>
          query.queryKey[0] === "connections" &&
          (query.queryKey[1] === "list" || query.queryKey[1] === "count") &&
          (query.queryKey[2] as Partial<ListFilters> | undefined)?.bookmarked === true,
      });
    },
  });
}
