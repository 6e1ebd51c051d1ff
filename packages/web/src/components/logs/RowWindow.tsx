/** The raw viewer's rendered rows: entries (or placeholders for pages not loaded yet) and the preamble. */
import { memo, type ReactNode } from "react";
import { LOG_PAGE_SIZE } from "../../api/raw-logs.js";
import type { RawLogPage } from "../../api/types.js";
import { EntryRow, GhostRow, type PreambleLine, PreambleRow } from "./LogRow.js";
import { locate } from "./page-math.js";

interface RowWindowProps {
  first: number;
  last: number;
  lead: number;
  pages: ReadonlyMap<number, RawLogPage>;
  preamble: readonly PreambleLine[];
  needle: string;
  showSide: boolean;
  wrap: boolean;
  flashRow: number;
  noEntries: boolean;
  measure: (element: HTMLDivElement | null) => void;
}

/**
 * Rows first..last. Memoized on its props: while the screen stays inside the same blocks of rows, a
 * scroll re-renders LogLines but not this, so React does not even walk the rows.
 */
export const RowWindow = memo(function RowWindow({
  first,
  last,
  lead,
  pages,
  preamble,
  needle,
  showSide,
  wrap,
  flashRow,
  noEntries,
  measure,
}: RowWindowProps) {
  const rows: ReactNode[] = [];
  for (let row = first; row <= last; row++) {
    if (row < lead) {
      rows.push(
        <PreambleRow
          key={row}
          lines={preamble}
          showSide={showSide}
          noEntries={noEntries}
          measureRef={measure}
        />,
      );
      continue;
    }
    const { page, slot } = locate(row - lead, LOG_PAGE_SIZE);
    const entry = pages.get(page)?.items[slot];
    if (!entry) {
      rows.push(<GhostRow key={row} index={row} />);
      continue;
    }
    rows.push(
      <EntryRow
        key={row}
        entry={entry}
        index={row}
        needle={needle}
        showSide={showSide}
        flash={row === flashRow}
        measureRef={wrap || entry.continuation.length > 0 ? measure : undefined}
      />,
    );
  }
  return rows;
});
