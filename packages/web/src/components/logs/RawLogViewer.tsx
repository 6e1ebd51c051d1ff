/**
 * The open connection's raw log lines: the client log, the server log, or both interleaved on one
 * timeline; filtered by level and by text (both on the server), virtualized over the whole filtered log.
 * A chart point clicked (the shared moment) scrolls here; a line under the pointer shows its moment on
 * the charts. Where a log cannot be shown, it says why. Which log, the levels and the search are part
 * of the URL (logSide, logLevels, logQ), so a link restores them; wrapping is this page's own choice.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { type RawLogFilter, type RawSide, useRawLogHead } from "../../api/raw-logs.js";
import type { ConnectionDetail, RawLogPage } from "../../api/types.js";
import { formatCount } from "../../format/format.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { EmptyState, ErrorState } from "../common/StateMessage.js";
import { useMoment } from "../detail/moment.js";
import { normalizeQuery } from "./highlight.js";
import { LogLines } from "./LogLines.js";
import { LINE_HEIGHT, type PreambleLine } from "./LogRow.js";
import { LevelChips, LogSearch, SideSwitch, WrapToggle } from "./LogToolbar.js";
import { effectiveLevels, levelsPresent } from "./levels.js";
import { SideNotice, type SideProblem, sideProblem } from "./SideNotice.js";
import "./raw-log.css";

const READABLE = new Set(["ok", "invalid"]);

/** The region's accessible name, which the browser tests and screen readers use. */
export function viewerLabel(side: RawSide): string {
  if (side === "client") return "Client log";
  if (side === "server") return "Server log";
  return "Client and server logs";
}

/** Both when both logs have lines, else the one that has; both (with reasons) when neither does. */
function defaultSide(connection: ConnectionDetail): RawSide {
  const client = READABLE.has(connection.client.status);
  const server = READABLE.has(connection.server.status);
  if (client && !server) return "client";
  if (server && !client) return "server";
  return "both";
}

export function RawLogViewer({ connection }: { connection: ConnectionDetail }) {
  const id = connection.connectionId;
  const moment = useMoment();
  const view = useView();
  const update = useUpdateView();
  const side = view.logSide ?? defaultSide(connection);
  const chosenKey = view.logLevels.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: chosenKey stands for view.logLevels.
  const chosen = useMemo<ReadonlySet<string>>(() => new Set(view.logLevels), [chosenKey]);
  const q = view.logQ;
  const [wrap, setWrap] = useState(false);
  // The moment already scrolled to: kept here, so a filter change (which remounts the lines) does not jump again.
  const shownMoment = useRef<number | null>(null);

  const present = useMemo(
    () =>
      levelsPresent(
        side === "both" ? [connection.client.levels, connection.server.levels] : [connection[side].levels],
      ),
    [side, connection],
  );
  const levels = effectiveLevels(chosen, present);
  const levelKey = levels.join(",");
  // biome-ignore lint/correctness/useExhaustiveDependencies: levelKey stands for levels (a new array each render).
  const filter = useMemo<RawLogFilter>(() => ({ side, levels, q: normalizeQuery(q) }), [side, levelKey, q]);
  const version = `${connection.client.status}/${connection.server.status}`;
  const head = useRawLogHead(id, filter, version);

  // The connection's default side is left out of the URL, like every default.
  const defaultForThis = defaultSide(connection);
  const setSide = useCallback(
    (next: RawSide) => update({ logSide: next === defaultForThis ? null : next }),
    [update, defaultForThis],
  );
  const toggleLevel = useCallback(
    (level: string) =>
      update((current) => {
        const levels = current.logLevels.includes(level)
          ? current.logLevels.filter((l) => l !== level)
          : [...current.logLevels, level].sort();
        return { ...current, logLevels: levels };
      }),
    [update],
  );
  // Typing refines the current history entry; levels and side are steps Back undoes.
  const setQ = useCallback((text: string) => update({ logQ: text }, "replace"), [update]);
  const clearFilters = () => update({ logLevels: [], logQ: "" });

  // What is on screen: the answer for the current filter, or the previous one while it loads.
  const shown = head.data;
  const stale = head.isPlaceholderData;
  const shownFilter = shown?.filter ?? filter;
  const label = viewerLabel(shownFilter.side);

  const body = (() => {
    if (!shown) {
      if (head.isError) {
        return (
          <div className="rawlog-frame" role="log" aria-live="off" aria-label={label}>
            <ErrorState what="the log lines" error={head.error} onRetry={() => void head.refetch()} />
          </div>
        );
      }
      return <SkeletonLines label={label} />;
    }
    const page = shown.page;
    const wantedSides = shownFilter.side === "both" ? (["client", "server"] as const) : [shownFilter.side];
    const filtered = shownFilter.q !== "" || shownFilter.levels.length > 0;
    const preamble = filtered ? [] : preambleOf(page, wantedSides);
    const problems = wantedSides
      .map((s) => ({
        side: s,
        problem:
          sideProblem(s, page.sides[s], connection[s]) ??
          (page.sides[s].status === "invalid" ? notALog(s, page.sides[s].preamble.length > 0) : null),
      }))
      .filter((p): p is { side: "client" | "server"; problem: SideProblem } => p.problem !== null);
    const reload = () => void head.refetch();
    const nothing = page.total === 0 && preamble.length === 0;

    // Nothing to show at all (no log, an empty one): the reasons take the lines' place.
    if (nothing && !filtered) {
      return (
        <div
          className="rawlog-frame rawlog-frame-static is-short"
          role="log"
          aria-live="off"
          aria-label={label}
        >
          {problems.length > 0 ? (
            problems.map(({ side: s, problem }) => (
              <SideNotice key={s} connectionId={id} problem={problem} onReload={reload} />
            ))
          ) : (
            <EmptyState title="This log has no entries" />
          )}
        </div>
      );
    }

    // The other side's lines (or a non-log's own lines) are shown: the reasons are a line above them.
    const notices = problems.map(({ side: s, problem }) => (
      <SideNotice key={s} connectionId={id} problem={problem} compact onReload={reload} />
    ));

    if (nothing) {
      return (
        <>
          {notices}
          <div className="rawlog-frame rawlog-frame-static" role="log" aria-live="off" aria-label={label}>
            <EmptyState
              title={noMatchTitle(shownFilter)}
              hint={shownFilter.levels.length > 0 ? `Levels: ${shownFilter.levels.join(", ")}` : undefined}
              action={
                <button type="button" className="btn" onClick={clearFilters}>
                  Clear search and levels
                </button>
              }
            />
          </div>
        </>
      );
    }

    // Only a preamble (a file that is not a log): a frame as tall as its lines, up to the usual height.
    const fit =
      page.total === 0 ? { height: Math.min(preamble.length + 1, 28) * LINE_HEIGHT + 12 } : undefined;
    return (
      <>
        {notices}
        <div className="rawlog-frame" style={fit}>
          <LogLines
            key={`${filterKey(shownFilter)}|${version}`}
            connectionId={id}
            filter={shownFilter}
            version={version}
            head={page}
            label={label}
            lineEstimate={Math.max(connection.client.entries ?? 0, connection.server.entries ?? 0)}
            preamble={preamble}
            wrap={wrap}
            stale={stale}
            selected={moment.selected}
            shownMoment={shownMoment}
            hover={moment.hover}
          />
        </div>
      </>
    );
  })();

  const nothingShown =
    shown !== undefined && !stale && !shown.page.sides.client.shown && !shown.page.sides.server.shown;
  const total = shown && !stale ? shown.page.total : null;
  const unfiltered =
    side === "both" ? sum(connection.client.entries, connection.server.entries) : connection[side].entries;
  const filteredNow = filter.q !== "" || filter.levels.length > 0;

  return (
    <section className="detail-section rawlog" aria-labelledby={`rawlog-title-${id}`}>
      <div className="rawlog-toolbar">
        <h3 id={`rawlog-title-${id}`} className="subsection-title">
          Raw log
        </h3>
        <SideSwitch side={side} onChange={setSide} />
        <LevelChips levels={present} chosen={chosen} onToggle={toggleLevel} />
        <div className="rawlog-toolbar-end">
          <p className="rawlog-count" role="status">
            {nothingShown ? "No lines to show" : countText(total, unfiltered, filteredNow, filter.q)}
          </p>
          <LogSearch value={q} busy={stale || (head.isFetching && !shown)} onSearch={setQ} />
          <WrapToggle wrap={wrap} onChange={setWrap} />
        </div>
      </div>
      {body}
    </section>
  );
}

function SkeletonLines({ label }: { label: string }) {
  return (
    <div
      className="rawlog-frame rawlog-frame-static"
      role="log"
      aria-live="off"
      aria-label={label}
      aria-busy="true"
    >
      <div className="rawlog-skeleton">
        {Array.from({ length: 14 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders, never reordered.
          <div key={i} className="rawlog-line is-skeleton" style={{ height: LINE_HEIGHT }}>
            <span className="rawlog-ghost rawlog-ghost-ln" />
            <span className="rawlog-ghost" style={{ width: `${30 + ((i * 37) % 55)}%` }} />
          </div>
        ))}
      </div>
    </div>
  );
}

function preambleOf(page: RawLogPage, sides: readonly ("client" | "server")[]): PreambleLine[] {
  return sides.flatMap((s) =>
    page.sides[s].shown ? page.sides[s].preamble.map((l) => ({ ...l, side: s })) : [],
  );
}

function notALog(side: "client" | "server", hasLines: boolean): SideProblem {
  return {
    title: `${side === "client" ? "Client" : "Server"} log: not a log file`,
    detail: hasLines
      ? "No line in it parses as a log entry; its lines are shown below as written."
      : "It is empty, or no line in it parses as a log entry.",
    tone: "error",
    retry: null,
  };
}

function filterKey(filter: RawLogFilter): string {
  return `${filter.side}|${filter.levels.join(",")}|${filter.q}`;
}

function noMatchTitle(filter: RawLogFilter): string {
  if (filter.q !== "") return `No lines match '${filter.q}'`;
  return "No lines at these levels";
}

function sum(a: number | null, b: number | null): number | null {
  if (a === null && b === null) return null;
  return (a ?? 0) + (b ?? 0);
}

function countText(total: number | null, unfiltered: number | null, filtered: boolean, q: string): string {
  if (total === null) return filtered ? "Searching…" : "Loading lines…";
  if (total === 0 && !filtered) return "No entries";
  const entries = total === 1 ? "1 entry" : `${formatCount(total)} entries`;
  if (!filtered) return entries;
  const of = unfiltered !== null ? ` of ${formatCount(unfiltered)}` : "";
  const what = q !== "" ? ` match '${q}'` : " at these levels";
  return `${total === 1 ? "1" : formatCount(total)}${of} entries${what}`;
}
