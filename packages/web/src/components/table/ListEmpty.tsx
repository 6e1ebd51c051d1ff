import { clearFilters, isFiltered, type ViewState } from "../../state/url-state.js";
import { useUpdateView } from "../../state/use-url-state.js";
import { EmptyState } from "../common/StateMessage.js";

/** Says what was asked for (the search as typed, as text) and offers the way back. */
export function ListEmpty({ view }: { view: ViewState }) {
  const update = useUpdateView();
  const otherFilters = isFiltered({ ...view, q: "" });
  const clear = (
    <button type="button" className="btn" onClick={() => update(clearFilters(view))}>
      Clear filters
    </button>
  );
  if (view.q !== "") {
    return (
      <EmptyState
        title={`No connections match '${view.q}'`}
        hint={
          otherFilters
            ? "with these filters. The search looks for part of a username."
            : "The search looks for part of a username, in any case."
        }
        action={otherFilters ? clear : undefined}
      />
    );
  }
  if (view.bookmarked && !isFiltered({ ...view, bookmarked: false })) {
    return (
      <EmptyState
        title="No bookmarked connections yet"
        hint="Star a connection with ☆ (or press b on its row)."
        action={clear}
      />
    );
  }
  if (otherFilters) return <EmptyState title="No connections match these filters" action={clear} />;
  return (
    <EmptyState title="No connections yet" hint="They appear here as soon as the manifest is imported." />
  );
}
