import { usePatterns } from "../../api/insights.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { CloseIcon } from "../common/icons.js";
import { PATTERN_LIMIT } from "./insights-format.js";

/**
 * The table's `pattern` filter as a removable chip: which message the list is narrowed to. The URL holds
 * only the pattern's id; its words come from the insights' pattern list (the same cached query). A link
 * to a pattern outside that list still works, and the chip then names it by id.
 */
export function PatternFilterChip() {
  const { pattern } = useView();
  const update = useUpdateView();
  const patterns = usePatterns(PATTERN_LIMIT, { enabled: pattern !== null });
  if (pattern === null) return null;
  const known = patterns.data?.items.find((p) => p.id === pattern);
  const words = known ? known.template : patterns.isPending ? "…" : `pattern ${pattern}`;
  return (
    <span className="filter-chip" title={known ? `Example: ${known.example}` : undefined}>
      <span className="filter-chip-label">Logs contain</span>
      <span className="filter-chip-value mono">{words}</span>
      <button
        type="button"
        className="filter-chip-remove"
        aria-label="Remove the error pattern filter"
        title="Remove this filter"
        onClick={() => update({ pattern: null })}
      >
        <CloseIcon />
      </button>
    </span>
  );
}
