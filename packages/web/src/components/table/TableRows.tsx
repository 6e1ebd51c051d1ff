/**
 * The rendered window of connection rows. Memoized on plain numbers: the virtualizer re-renders the
 * table on every scroll frame whose visible range changed, but while the window of blocks stays the same
 * (see blockRange) React does not even walk the rows.
 */
import { memo } from "react";
import type { ConnectionItem } from "../../api/types.js";
import { ConnectionRow } from "./ConnectionRow.js";

/** Matches --row-height; fixed, so rows are never measured. */
export const ROW_HEIGHT = 36;

interface TableRowsProps {
  rows: readonly ConnectionItem[];
  /** Rows first..last (indexes into `rows`) are rendered. */
  first: number;
  last: number;
  active: number;
  openId: number | null;
  now: number;
  onOpen: (index: number) => void;
  onToggleStar: (item: ConnectionItem) => void;
}

export const TableRows = memo(function TableRows(props: TableRowsProps) {
  const { rows, first, last, active, openId, now, onOpen, onToggleStar } = props;
  const rendered = [];
  for (let index = first; index <= last; index++) {
    const item = rows[index];
    if (!item) continue;
    rendered.push(
      <ConnectionRow
        key={item.connectionId}
        item={item}
        index={index}
        top={index * ROW_HEIGHT}
        active={index === active}
        open={item.connectionId === openId}
        now={now}
        onOpen={onOpen}
        onToggleStar={onToggleStar}
      />,
    );
  }
  return rendered;
});
