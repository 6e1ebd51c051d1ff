import { useToggleBookmark } from "../../api/connections.js";
import type { ConnectionDetail } from "../../api/types.js";
import { useUpdateView } from "../../state/use-url-state.js";
import { CloseIcon, StarIcon } from "../common/icons.js";
import { CopyLinkButton } from "../header/HeaderActions.js";

/** Title line: which connection, whose, and its actions (bookmark, link, close). */
export function DetailHeader({ connection }: { connection: ConnectionDetail }) {
  const update = useUpdateView();
  const toggle = useToggleBookmark();
  const { connectionId, bookmarked, username } = connection;
  return (
    <div className="detail-header">
      <h2 className="section-title detail-title">
        <span className="faint">Connection</span> <span className="mono">{connectionId}</span>
        <span className="detail-user">{username ?? <span className="faint">unknown user</span>}</span>
      </h2>
      <div className="detail-actions">
        <button
          type="button"
          className={`btn btn-small star-toggle${bookmarked ? " is-on" : ""}`}
          aria-pressed={bookmarked}
          onClick={() => toggle.mutate({ id: connectionId, bookmarked: !bookmarked })}
        >
          <StarIcon filled={bookmarked} />
          {bookmarked ? "Bookmarked" : "Bookmark"}
        </button>
        <CopyLinkButton compact />
        <button
          type="button"
          className="btn btn-small btn-ghost"
          onClick={() => update({ open: null })}
          aria-label={`Close connection ${connectionId}`}
          title="Close (Esc in the table)"
        >
          <CloseIcon />
          Close
        </button>
      </div>
    </div>
  );
}
