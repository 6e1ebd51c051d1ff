import { errorMessage } from "../../api/http.js";
import { formatCount } from "../../format/format.js";
import { RetryIcon } from "../common/icons.js";

interface FooterProps {
  loaded: number;
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  error: unknown;
  onLoadMore: () => void;
}

/**
 * Where the list stands, and "Load more" for keyboard and switch users (scrolling also loads more, ahead
 * of the bottom). A failed next page keeps the loaded rows and says so here.
 */
export function TableFooter({ loaded, total, hasMore, loadingMore, error, onLoadMore }: FooterProps) {
  // Nothing listed (no match, or the list failed): an empty bar under the message would look broken, so
  // the footer keeps its height (nothing below moves) but draws nothing.
  const empty = loaded === 0 && !hasMore && !error;
  return (
    <div className={`table-footer${empty ? " is-empty" : ""}`}>
      <span className="muted num" aria-live="polite">
        {loaded === 0
          ? ""
          : hasMore
            ? `Showing ${formatCount(loaded)} of ${formatCount(total)}`
            : `All ${formatCount(total)} shown`}
      </span>
      {error ? (
        <span className="footer-error" role="alert">
          {`Couldn't load more: ${errorMessage(error)}`}
        </span>
      ) : null}
      {hasMore ? (
        <button type="button" className="btn btn-small" onClick={onLoadMore} disabled={loadingMore}>
          {error ? <RetryIcon /> : null}
          {loadingMore ? "Loading…" : error ? "Retry" : "Load more"}
        </button>
      ) : null}
    </div>
  );
}
