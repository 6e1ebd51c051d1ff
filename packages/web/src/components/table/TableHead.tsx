import type { ConnectionSort, SortOrder } from "../../api/types.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { SortIcon, StarIcon } from "../common/icons.js";
import { COLUMNS, type Column } from "./columns.js";
import { ColumnHeader, Row, RowGroup } from "./grid-parts.js";

const ariaSort = (active: boolean, order: SortOrder) =>
  active ? (order === "asc" ? "ascending" : "descending") : undefined;

/** The sticky header row. A sortable header is a button: first click sorts descending, the next flips. */
export function TableHead() {
  const { sort, order } = useView();
  const update = useUpdateView();
  const sortBy = (key: ConnectionSort) =>
    update({ sort: key, order: key === sort && order === "desc" ? "asc" : "desc" });

  return (
    <RowGroup className="grid-head">
      <Row aria-rowindex={1} className="grid-row grid-head-row">
        {COLUMNS.map((column) => (
          <HeaderCell
            key={column.id}
            column={column}
            active={column.sort === sort}
            order={order}
            onSort={sortBy}
          />
        ))}
      </Row>
    </RowGroup>
  );
}

interface HeaderCellProps {
  column: Column;
  active: boolean;
  order: SortOrder;
  onSort: (key: ConnectionSort) => void;
}

function HeaderCell({ column, active, order, onSort }: HeaderCellProps) {
  const className = `cell col-${column.id}${column.align === "end" ? " end" : ""}`;
  if (column.id === "star") {
    return (
      <ColumnHeader className={className} title="Bookmarked">
        <StarIcon className="icon faint" />
        <span className="visually-hidden">{column.label}</span>
      </ColumnHeader>
    );
  }
  const key = column.sort;
  if (!key) {
    return (
      <ColumnHeader className={className} title={column.title}>
        {column.label}
      </ColumnHeader>
    );
  }
  return (
    <ColumnHeader className={className} aria-sort={ariaSort(active, order)}>
      <button
        type="button"
        className={`sort-button${active ? " is-active" : ""}`}
        title={column.title ? `${column.title}. Sort` : `Sort by ${column.label.toLowerCase()}`}
        onClick={() => onSort(key)}
      >
        {column.label}
        <SortIcon className="icon sort-icon" direction={active ? order : null} />
      </button>
    </ColumnHeader>
  );
}
