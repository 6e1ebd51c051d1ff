/**
 * The table's columns, in order. Widths live in table.css (one grid template shared by the header and
 * every row); `sort` marks the columns the API can sort by (CONNECTION_SORTS). Sorting a paged list in
 * the browser would only sort the rows loaded so far, so the other columns are not sortable.
 */
import type { ConnectionSort } from "../../api/types.js";

export interface Column {
  readonly id: string;
  readonly label: string;
  /** Spoken and shown on hover when the header is shorter than what it means. */
  readonly title?: string;
  readonly sort?: ConnectionSort;
  readonly align?: "end";
  /** Hidden below 1200 px (the detail still shows it); table.css hides them. */
  readonly wide?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { id: "star", label: "Bookmark" },
  { id: "id", label: "ID", title: "Connection ID", align: "end" },
  { id: "user", label: "User" },
  { id: "ip", label: "Server IP", wide: true },
  { id: "version", label: "Version" },
  { id: "updated", label: "Last updated", sort: "lastUpdated" },
  { id: "duration", label: "Duration", align: "end", wide: true },
  { id: "client", label: "Client log" },
  { id: "server", label: "Server log" },
  {
    id: "errors",
    label: "Errors",
    title: "ERROR entries of both logs, and their share",
    sort: "errors",
    align: "end",
  },
  {
    id: "warnings",
    label: "Warnings",
    title: "WARNING entries of both logs, and their share",
    align: "end",
    wide: true,
  },
  {
    id: "latency",
    label: "Latency",
    title: "Median latency of the client log",
    sort: "medianLatency",
    align: "end",
  },
];

/** aria-colcount and the skeleton rows need it. */
export const COLUMN_COUNT = COLUMNS.length;
