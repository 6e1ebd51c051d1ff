import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useConnectionList, useToggleBookmark } from "../../api/connections.js";
import type { ConnectionItem } from "../../api/types.js";
import { useNow } from "../../format/use-now.js";
import { listFilters } from "../../state/url-state.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { blockExtractor } from "../common/block-range.js";
import { ErrorState } from "../common/StateMessage.js";
import { rowDomId } from "./ConnectionRow.js";
import { COLUMN_COUNT } from "./columns.js";
import { RowGroup } from "./grid-parts.js";
import { ListEmpty } from "./ListEmpty.js";
import { SkeletonRows } from "./SkeletonRows.js";
import { TableFooter } from "./TableFooter.js";
import { TableHead } from "./TableHead.js";
import { ROW_HEIGHT, TableRows } from "./TableRows.js";
import { TableToolbar } from "./TableToolbar.js";
import { gridKeyHandler } from "./use-grid-keyboard.js";

const HEAD_HEIGHT = 34;
/** Fetch the next page when the last rendered row is this close to the end of what is loaded. */
const PREFETCH_ROWS = 40;
/**
 * Rows are added and removed in blocks of this many (see blockRange): scrolling a wheel notch a frame
 * (~3 rows) changes the DOM on one frame in two or three; the others only move pixels.
 */
const BLOCK_ROWS = 8;

/**
 * Virtualized, infinitely scrolling connections. The grid is one tab stop; the active row is shown
 * with aria-activedescendant, so focus never lands on a row that virtualization may unmount.
 */
export function ConnectionsTable() {
  const view = useView();
  const update = useUpdateView();
  const filters = useMemo(() => listFilters(view), [view]);
  const filtersKey = JSON.stringify(filters);
  const list = useConnectionList(filters);
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const total = list.data?.pages.at(-1)?.total ?? null;
  const toggle = useToggleBookmark();
  const now = useNow(60_000);

  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  // One extractor per list: it remembers the window it rendered (see blockExtractor).
  const [blockRows] = useState(() => blockExtractor(BLOCK_ROWS));
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (index) => rows[index]?.connectionId ?? index,
    rangeExtractor: blockRows,
    // Rows start below the sticky header, and scrolling a row into view must not hide it under it.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastRendered = virtualRows.at(-1)?.index ?? -1;

  const { hasNextPage, isFetchingNextPage, fetchNextPage, isPlaceholderData } = list;
  useEffect(() => {
    if (
      hasNextPage &&
      !isFetchingNextPage &&
      !isPlaceholderData &&
      lastRendered >= rows.length - PREFETCH_ROWS
    ) {
      void fetchNextPage();
    }
  }, [hasNextPage, isFetchingNextPage, isPlaceholderData, lastRendered, rows.length, fetchNextPage]);

  // A new search or filter is a new list: start at its top.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the filters change, by design.
  useEffect(() => {
    setActive(0);
    scroller.current?.scrollTo({ top: 0 });
  }, [filtersKey]);

  // A connection opened from outside the table (deep link, Back): show its row once, if it is loaded.
  const reveal = useRef<number | null>(view.open);
  useEffect(() => {
    reveal.current = view.open;
  }, [view.open]);
  useEffect(() => {
    if (reveal.current === null || isPlaceholderData || rows.length === 0) return;
    const index = rows.findIndex((row) => row.connectionId === reveal.current);
    reveal.current = null;
    if (index >= 0) {
      setActive(index);
      virtualizer.scrollToIndex(index, { align: "center" });
    }
  }, [rows, isPlaceholderData, virtualizer]);

  const open = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      setActive(index);
      reveal.current = null;
      if (row.connectionId !== view.open) update({ open: row.connectionId });
    },
    [rows, view.open, update],
  );
  const toggleStar = useCallback(
    (item: ConnectionItem) => toggle.mutate({ id: item.connectionId, bookmarked: !item.bookmarked }),
    [toggle.mutate],
  );

  const activeRow = rows[Math.min(active, rows.length - 1)];
  const activeRendered = virtualRows.some((v) => v.index === active);
  const onKeyDown = gridKeyHandler({
    rowCount: rows.length,
    active: Math.min(active, Math.max(0, rows.length - 1)),
    setActive,
    virtualizer,
    pageRows: Math.max(1, Math.floor((scroller.current?.clientHeight ?? 400) / ROW_HEIGHT) - 2),
    onOpen: open,
    onToggleStar: (index) => rows[index] && toggleStar(rows[index]),
    onClose: () => view.open !== null && update({ open: null }),
  });

  const body = (() => {
    if (list.isPending) return <SkeletonRows count={14} />;
    if (list.isError && rows.length === 0) {
      return <ErrorState what="connections" error={list.error} onRetry={() => void list.refetch()} />;
    }
    if (rows.length === 0) return <ListEmpty view={view} />;
    return (
      <TableRows
        rows={rows}
        first={virtualRows[0]?.index ?? 0}
        last={lastRendered}
        active={active}
        openId={view.open}
        now={now}
        onOpen={open}
        onToggleStar={toggleStar}
      />
    );
  })();
  const showRows = !list.isPending && rows.length > 0;

  return (
    <section className="card table-card" aria-labelledby="connections-title">
      <TableToolbar view={view} total={total} />
      {/* biome-ignore lint/a11y/useSemanticElements: an interactive ARIA grid of divs; see grid-parts.tsx. */}
      <div
        ref={scroller}
        id="connections-grid"
        role="grid"
        aria-labelledby="connections-title"
        aria-rowcount={total === null ? -1 : total + 1}
        aria-colcount={COLUMN_COUNT}
        aria-busy={list.isFetching || undefined}
        aria-activedescendant={
          showRows && activeRow && activeRendered ? rowDomId(activeRow.connectionId) : undefined
        }
        tabIndex={0}
        className={`grid${isPlaceholderData ? " is-stale" : ""}`}
        onKeyDown={onKeyDown}
      >
        <TableHead />
        <RowGroup
          className="grid-body"
          style={{ height: showRows ? virtualizer.getTotalSize() - HEAD_HEIGHT : undefined }}
        >
          {body}
          {showRows && isFetchingNextPage ? (
            <SkeletonRows count={3} offset={rows.length * ROW_HEIGHT} />
          ) : null}
        </RowGroup>
      </div>
      <TableFooter
        loaded={rows.length}
        total={total ?? 0}
        hasMore={Boolean(hasNextPage)}
        loadingMore={isFetchingNextPage}
        error={list.isFetchNextPageError ? list.error : null}
        onLoadMore={() => void fetchNextPage()}
      />
    </section>
  );
}
