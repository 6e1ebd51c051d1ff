/**
 * The view (search, filters, sort, open connection and its raw log viewer) lives in the query string so
 * a link restores it.
 * Pure functions: decode never throws (a hand-edited link with junk shows the default for that field),
 * and encode leaves defaults out so shared links stay short. Format: docs/design.md, "Deep links".
 */
import {
  CONNECTION_SORTS,
  type ConnectionSort,
  LOG_STATUSES,
  type LogStatus,
  RAW_SIDES,
  type RawSide,
  type SortOrder,
} from "../api/types.js";

export interface ViewState {
  /** Username search, as typed (the API trims nothing; neither do we). */
  readonly q: string;
  readonly version: string | null;
  /** Either log has this status ("missing logs" is `missing`). */
  readonly status: LogStatus | null;
  readonly hasErrors: boolean;
  readonly bookmarked: boolean;
  /** A fleet error pattern's id (fleet insights): connections either of whose logs has it. */
  readonly pattern: string | null;
  readonly sort: ConnectionSort;
  readonly order: SortOrder;
  /** The connection whose detail is shown. */
  readonly open: number | null;
  // The open connection's raw log viewer; at their defaults whenever `open` is null.
  /** Which log it shows; null: the connection's default (both, unless only one log has lines). */
  readonly logSide: RawSide | null;
  /** The levels chosen with its chips, deduplicated and sorted; empty: every level. */
  readonly logLevels: readonly string[];
  /** Its text search, as sent by the box (the viewer trims it). */
  readonly logQ: string;
}

export const DEFAULT_VIEW: ViewState = {
  q: "",
  version: null,
  status: null,
  hasErrors: false,
  bookmarked: false,
  pattern: null,
  sort: "lastUpdated",
  order: "desc",
  open: null,
  logSide: null,
  logLevels: [],
  logQ: "",
};

type LogView = Pick<ViewState, "logSide" | "logLevels" | "logQ">;
const DEFAULT_LOG_VIEW: LogView = { logSide: null, logLevels: [], logQ: "" };

/** The API caps these (schemas/connection.ts); longer values would only earn a 400. */
const MAX_Q = 256;
const MAX_VERSION = 256;
const MAX_PATTERN = 200;
/** The raw-log API's caps: `q` 500 characters, `level` (comma-separated) 200. */
const MAX_LOG_Q = 500;
const MAX_LOG_LEVELS_CHARS = 200;
/** A level is one upper-case word, as the parser reads it: INFO, WARNING, ERROR, DEBUG, FATAL_ERROR, … */
const LEVEL = /^[A-Z][A-Z0-9_]{0,63}$/;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | null {
  return value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;
}

function connectionId(value: string | null | undefined): number | null {
  if (value == null || !/^-?\d{1,16}$/.test(value)) return null;
  const id = Number(value);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * Comma-separated levels → the valid ones, deduplicated and sorted (one spelling per set), as many as
 * fit the API's cap; junk is dropped.
 */
export function levelList(value: string | null): string[] {
  if (!value) return [];
  const levels: string[] = [];
  let chars = -1;
  for (const level of [...new Set(value.split(",").filter((l) => LEVEL.test(l)))].sort()) {
    chars += level.length + 1;
    if (chars > MAX_LOG_LEVELS_CHARS) break;
    levels.push(level);
  }
  return levels;
}

function decodeLogView(params: URLSearchParams): LogView {
  return {
    logSide: oneOf(RAW_SIDES, params.get("logSide")),
    logLevels: levelList(params.get("logLevels")),
    logQ: (params.get("logQ") ?? "").slice(0, MAX_LOG_Q),
  };
}

/** `search` is `location.search`; `pathname` lets `/c/21469` (a path the server serves the page for) open 21469. */
export function decodeView(search: string, pathname = "/"): ViewState {
  const params = new URLSearchParams(search);
  const q = params.get("q") ?? "";
  const version = params.get("version");
  const pattern = params.get("pattern");
  const pathOpen = /^\/c\/([^/]+)\/?$/.exec(pathname)?.[1];
  const open = connectionId(params.get("open")) ?? connectionId(pathOpen);
  return {
    q: q.slice(0, MAX_Q),
    version: version ? version.slice(0, MAX_VERSION) : null,
    status: oneOf(LOG_STATUSES, params.get("status")),
    hasErrors: params.get("hasErrors") === "1",
    bookmarked: params.get("bookmarked") === "1",
    pattern: pattern ? pattern.slice(0, MAX_PATTERN) : null,
    sort: oneOf(CONNECTION_SORTS, params.get("sort")) ?? DEFAULT_VIEW.sort,
    order: params.get("order") === "asc" ? "asc" : "desc",
    open,
    ...(open === null ? DEFAULT_LOG_VIEW : decodeLogView(params)),
  };
}

/** The query string for `view`, with its leading "?", or "" for the default view. Keys in a stable order. */
export function encodeView(view: ViewState): string {
  const params = new URLSearchParams();
  if (view.q !== "") params.set("q", view.q);
  if (view.version !== null) params.set("version", view.version);
  if (view.status !== null) params.set("status", view.status);
  if (view.hasErrors) params.set("hasErrors", "1");
  if (view.bookmarked) params.set("bookmarked", "1");
  if (view.pattern !== null) params.set("pattern", view.pattern);
  if (view.sort !== DEFAULT_VIEW.sort) params.set("sort", view.sort);
  if (view.order !== DEFAULT_VIEW.order) params.set("order", view.order);
  if (view.open !== null) {
    params.set("open", String(view.open));
    if (view.logSide !== null) params.set("logSide", view.logSide);
    if (view.logLevels.length > 0) params.set("logLevels", view.logLevels.join(","));
    if (view.logQ !== "") params.set("logQ", view.logQ);
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}

/** Whether any filter narrows the list (the search box counts). */
export function isFiltered(view: ViewState): boolean {
  return (
    view.q !== "" ||
    view.version !== null ||
    view.status !== null ||
    view.hasErrors ||
    view.bookmarked ||
    view.pattern !== null
  );
}

/** The filters cleared, keeping sort and the open connection. */
export function clearFilters(view: ViewState): ViewState {
  return { ...view, q: "", version: null, status: null, hasErrors: false, bookmarked: false, pattern: null };
}

/** What the connection list query depends on: the view without `open` (opening a row must not refetch). */
export function listFilters(view: ViewState) {
  const { q, version, status, hasErrors, bookmarked, pattern, sort, order } = view;
  return { q, version, status, hasErrors, bookmarked, pattern, sort, order };
}
export type ListFilters = ReturnType<typeof listFilters>;

/**
 * The view after a change: another connection opened (or the detail closed) starts its viewer at the
 * defaults, unless the change set the viewer's fields itself.
 */
export function followOpen(current: ViewState, next: ViewState): ViewState {
  if (next.open === current.open) return next;
  const logUntouched =
    next.logSide === current.logSide && next.logLevels === current.logLevels && next.logQ === current.logQ;
  return logUntouched ? { ...next, ...DEFAULT_LOG_VIEW } : next;
}
