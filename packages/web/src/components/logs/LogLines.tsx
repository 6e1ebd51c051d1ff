/**
 * The virtualized body of the raw log viewer. The list has a row for every entry that matches (`total`),
 * so the scrollbar spans the whole log from the first answer; the entries themselves arrive in pages of
 * LOG_PAGE_SIZE as their rows come near the screen. Rows are one line tall unless they have
 * continuation lines (or lines are wrapped): those are measured.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import {
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import {
  LOG_PAGE_SIZE,
  locateMoment,
  type RawLogFilter,
  rawLogPageOptions,
  useRawLogPages,
} from "../../api/raw-logs.js";
import type { RawEntry, RawLogPage } from "../../api/types.js";
import { blockExtractor } from "../common/block-range.js";
import { LINE_HEIGHT, type PreambleLine } from "./LogRow.js";
import { locate, pageOf, pagesForRange, rowsToOffsets } from "./page-math.js";
import { RowWindow } from "./RowWindow.js";
import { useSettled } from "./use-settled.js";

/** Ask for the next page when the screen is this many entries from the edge of the loaded one. */
const PREFETCH_ENTRIES = 150;
/**
 * A page is requested once it has been wanted this long (ms): dragging the scrollbar through the log does
 * not ask for every page it passes, while ordinary scrolling (a page is 500 lines) waits for nothing.
 */
const PAGE_SETTLE_MS = 80;
/** Lines of context left above the line a jump lands on. */
const JUMP_CONTEXT = 3;
const FLASH_MS = 2200;
/** Rows are added and removed in blocks of this many (see blockRange). */
const BLOCK_ROWS = 8;

export interface LogLinesProps {
  connectionId: number;
  filter: RawLogFilter;
  version: string;
  /** The filter's first page (it gives `total`). */
  head: RawLogPage;
  label: string;
  /** About the largest line number of the logs shown (their entries): sizes the line-number gutter. */
  lineEstimate: number;
  preamble: readonly PreambleLine[];
  wrap: boolean;
  stale: boolean;
  /** The moment to show (a clicked chart point), and the last one already shown. */
  selected: number | null;
  shownMoment: RefObject<number | null>;
  hover: (time: number | null) => void;
}

export function LogLines({
  connectionId,
  filter,
  version,
  head,
  label,
  lineEstimate,
  preamble,
  wrap,
  stale,
  selected,
  shownMoment,
  hover,
}: LogLinesProps) {
  const total = head.total;
  const lead = preamble.length > 0 ? 1 : 0;
  const count = lead + total;
  const showSide = filter.side === "both";
  const scroller = useRef<HTMLDivElement>(null);

  // Entries by offset, from whichever pages are loaded; read by estimateSize, which must stay stable.
  const pagesRef = useRef<ReadonlyMap<number, RawLogPage>>(new Map([[0, head]]));
  const entryAt = useCallback((offset: number): RawEntry | undefined => {
    const { page, slot } = locate(offset, LOG_PAGE_SIZE);
    return pagesRef.current.get(page)?.items[slot];
  }, []);

  // One extractor per list: it remembers the window it rendered (see blockExtractor).
  const [blockRows] = useState(() => blockExtractor(BLOCK_ROWS));
  const virtualizer = useVirtualizer({
    count,
    rangeExtractor: blockRows,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => {
      if (index < lead) return LINE_HEIGHT * (preamble.length + 1) + 8;
      const entry = entryAt(index - lead);
      return LINE_HEIGHT * (1 + (entry?.continuation.length ?? 0));
    },
    overscan: 4,
  });

  const virtualRows = virtualizer.getVirtualItems();
  const firstRow = virtualRows[0]?.index ?? 0;
  const lastRow = virtualRows.at(-1)?.index ?? 0;
  const { first, last } = rowsToOffsets(firstRow, lastRow, lead, total);
  const wanted = pagesForRange(first, last, { pageSize: LOG_PAGE_SIZE, total, margin: PREFETCH_ENTRIES });
  const wantedKey = wanted.join(",");
  const requested = useSettled(wanted, wantedKey, PAGE_SETTLE_MS);
  const loaded = useRawLogPages(connectionId, filter, version, requested);

  // What is loaded: the requested pages, the first, and any wanted page already in the cache (scrolled
  // past before, or fetched for a jump) even if not requested yet.
  const client = useQueryClient();
  // biome-ignore lint/correctness/useExhaustiveDependencies: wantedKey stands for wanted (a new array each render).
  const pages = useMemo(() => {
    const all = new Map(loaded.pages);
    all.set(0, head);
    for (const index of wanted) {
      if (all.has(index)) continue;
      const cached = client.getQueryData(rawLogPageOptions(connectionId, filter, version, index).queryKey);
      if (cached) all.set(index, cached.page);
    }
    return all;
  }, [loaded.pages, head, wantedKey, client, connectionId, filter, version]);
  pagesRef.current = pages;

  // Unwrapped, an entry is exactly one line per line of text: as soon as a page arrives, give its
  // multi-line entries their height, so rows above the screen do not shift what is on it when they are
  // first drawn (and a jump lands where it aimed). Wrapped, heights are known only once measured.
  const sized = useRef(new Set<number>());
  const sizePage = useCallback(
    (index: number, page: RawLogPage) => {
      if (wrap || sized.current.has(index)) return;
      sized.current.add(index);
      const first = lead + index * LOG_PAGE_SIZE;
      page.items.forEach((entry, slot) => {
        const lines = 1 + entry.continuation.length;
        if (lines > 1) virtualizer.resizeItem(first + slot, LINE_HEIGHT * lines);
      });
    },
    [wrap, lead, virtualizer],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when `wrap` changes, by design.
  useEffect(() => {
    sized.current.clear();
    virtualizer.measure();
  }, [wrap, virtualizer]);
  useEffect(() => {
    for (const [index, page] of pages) sizePage(index, page);
  }, [pages, sizePage]);

  // Jump to the moment picked on a chart: learn its offset (one entry), load the page it is on, scroll
  // there (with a few lines of context above) and flash the line.
  const [flash, setFlash] = useState<{ row: number; at: number } | null>(null);
  useEffect(() => {
    if (selected === null || selected === shownMoment.current || total === 0) return;
    let cancelled = false;
    const jump = async () => {
      const { offset } = await locateMoment(client, connectionId, filter, version, selected);
      const target = Math.min(offset, total - 1);
      const from = Math.max(0, target - JUMP_CONTEXT);
      for (let page = pageOf(from, LOG_PAGE_SIZE); page <= pageOf(target, LOG_PAGE_SIZE); page++) {
        const fetched = await client.fetchQuery(rawLogPageOptions(connectionId, filter, version, page));
        if (cancelled) return;
        sizePage(page, fetched.page);
      }
      if (cancelled) return;
      shownMoment.current = selected;
      virtualizer.scrollToIndex(lead + from, { align: "start" });
      setFlash({ row: lead + target, at: performance.now() });
    };
    jump().catch(() => {
      // A failed look-up leaves the viewer where it is; the next click asks again.
    });
    return () => {
      cancelled = true;
    };
  }, [selected, shownMoment, total, client, connectionId, filter, version, lead, virtualizer, sizePage]);
  useEffect(() => {
    if (flash === null) return;
    const timer = window.setTimeout(() => setFlash(null), FLASH_MS);
    return () => window.clearTimeout(timer);
  }, [flash]);

  // The pointer over a line shows its moment on the charts (one listener for all rows).
  const hovered = useRef<number | null>(null);
  const onPointerOver = (event: PointerEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>("[data-time]");
    const time = row ? Number(row.dataset.time) : null;
    if (time === hovered.current) return;
    hovered.current = time;
    hover(time);
  };
  const onPointerLeave = () => {
    hovered.current = null;
    hover(null);
  };
  useEffect(() => () => hover(null), [hover]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const element = scroller.current;
    if (!element || event.altKey || event.ctrlKey || event.metaKey) return;
    const screen = Math.max(LINE_HEIGHT, element.clientHeight - 2 * LINE_HEIGHT);
    switch (event.key) {
      case "PageDown":
        element.scrollBy({ top: screen });
        break;
      case "PageUp":
        element.scrollBy({ top: -screen });
        break;
      case "Home":
        virtualizer.scrollToOffset(0);
        break;
      case "End":
        if (count > 0) virtualizer.scrollToIndex(count - 1, { align: "end" });
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  // Line numbers are the file's, whatever the filter: size the gutter for the whole log (continuation
  // lines make them run past the entry count), or for the largest one loaded if that is more.
  const loadedLargest = useMemo(() => largestLine(pages), [pages]);
  const digits = String(Math.max(999, Math.ceil(lineEstimate * 1.2), loadedLargest)).length;

  return (
    <div
      ref={scroller}
      className={`rawlog-scroller${showSide ? " has-side" : ""}${wrap ? " is-wrapped" : ""}${stale ? " is-stale" : ""}`}
      role="log"
      aria-live="off"
      aria-label={label}
      aria-busy={stale || undefined}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll region must be focusable to scroll by keyboard.
      tabIndex={0}
      style={{ "--rawlog-digits": digits } as CSSProperties}
      onKeyDown={onKeyDown}
      onPointerOver={onPointerOver}
      onPointerLeave={onPointerLeave}
    >
      <div className="rawlog-canvas" style={{ height: virtualizer.getTotalSize() }}>
        {/* One moving window of rows in normal flow: a single transform, not one per row. */}
        <div className="rawlog-window" style={{ transform: `translateY(${virtualRows[0]?.start ?? 0}px)` }}>
          <RowWindow
            first={firstRow}
            last={virtualRows.length > 0 ? lastRow : -1}
            lead={lead}
            pages={pages}
            preamble={preamble}
            needle={filter.q}
            showSide={showSide}
            wrap={wrap}
            flashRow={flash?.row ?? -1}
            noEntries={total === 0}
            measure={virtualizer.measureElement}
          />
        </div>
      </div>
      {loaded.error ? (
        <div className="rawlog-page-error" role="alert">
          Some lines could not be loaded.{" "}
          <button type="button" className="btn btn-small" onClick={loaded.refetch}>
            Retry
          </button>
        </div>
      ) : null}
    </div>
  );
}

function largestLine(pages: ReadonlyMap<number, RawLogPage>): number {
  let largest = 0;
  for (const page of pages.values()) {
    for (const entry of page.items) {
      largest = Math.max(largest, entry.continuation.at(-1)?.lineNumber ?? entry.lineNumber);
    }
  }
  return largest;
}
