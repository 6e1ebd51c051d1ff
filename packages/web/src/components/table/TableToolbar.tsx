import { formatCount } from "../../format/format.js";
import { clearFilters, isFiltered, type ViewState } from "../../state/url-state.js";
import { useUpdateView } from "../../state/use-url-state.js";
import { CopyLinkButton } from "../header/HeaderActions.js";
import { PatternFilterChip } from "../insights/PatternFilterChip.js";

const SORT_WORDS = {
  lastUpdated: { desc: "last updated, newest first", asc: "last updated, oldest first" },
  errors: { desc: "errors, most first", asc: "errors, fewest first" },
  medianLatency: { desc: "median latency, slowest first", asc: "median latency, fastest first" },
} as const;

function matchWords(total: number, filtered: boolean): string {
  if (!filtered) return `${formatCount(total)} in total`;
  if (total === 0) return "none match";
  return `${formatCount(total)} ${total === 1 ? "matches" : "match"}`;
}

/** The table's title line: how many match, how they are sorted, and a way out of the filters. */
export function TableToolbar({ view, total }: { view: ViewState; total: number | null }) {
  const update = useUpdateView();
  return (
    <div className="table-toolbar">
      <h2 className="section-title" id="connections-title">
        Connections
      </h2>
      <span className="muted num">
        {total === null ? "" : matchWords(total, isFiltered(view))}
        {total === null ? "" : " · "}
        {`sorted by ${SORT_WORDS[view.sort][view.order]}`}
      </span>
      <PatternFilterChip />
      {isFiltered(view) ? (
        <button
          type="button"
          className="btn btn-small btn-ghost link-button"
          onClick={() => update(clearFilters(view))}
        >
          Clear filters
        </button>
      ) : null}
      <span className="toolbar-end">
        <span className="toolbar-hint faint" aria-hidden="true">
          ↑ ↓ move · Enter open · b bookmark
        </span>
        <CopyLinkButton compact />
      </span>
    </div>
  );
}
