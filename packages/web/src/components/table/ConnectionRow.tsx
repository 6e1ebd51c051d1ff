import { memo } from "react";
import type { ConnectionItem } from "../../api/types.js";
import {
  combinedShare,
  formatCount,
  formatDuration,
  formatMs,
  formatPercent,
  formatUpdated,
  formatUpdatedTitle,
  NONE,
  shortVersion,
} from "../../format/format.js";
import { CopyButton } from "../common/CopyButton.js";
import { StarIcon } from "../common/icons.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { Cell, Row } from "./grid-parts.js";

export const rowDomId = (connectionId: number) => `connection-row-${connectionId}`;

interface RowProps {
  item: ConnectionItem;
  /** Position among all matching rows (0-based); aria-rowindex counts the header as 1. */
  index: number;
  top: number;
  active: boolean;
  open: boolean;
  now: number;
  onOpen: (index: number) => void;
  onToggleStar: (item: ConnectionItem) => void;
}

/** One connection. Its buttons are not tab stops: the grid is one stop, and the detail repeats them. */
export const ConnectionRow = memo(function ConnectionRow(props: RowProps) {
  const { item, index, top, active, open, now, onOpen, onToggleStar } = props;
  const errors = combinedShare(
    { entries: item.client.entries, count: item.client.errors },
    { entries: item.server.entries, count: item.server.errors },
  );
  const warnings = combinedShare(
    { entries: item.client.entries, count: item.client.warnings },
    { entries: item.server.entries, count: item.server.warnings },
  );
  return (
    <Row
      id={rowDomId(item.connectionId)}
      aria-rowindex={index + 2}
      aria-selected={open}
      className="grid-row grid-body-row"
      data-active={active || undefined}
      data-open={open || undefined}
      style={{ transform: `translateY(${top}px)` }}
      onClick={() => onOpen(index)}
    >
      <Cell className="cell col-star">
        <button
          type="button"
          tabIndex={-1}
          className={`star-button${item.bookmarked ? " is-on" : ""}`}
          aria-pressed={item.bookmarked}
          aria-label={`Bookmark connection ${item.connectionId}`}
          title={item.bookmarked ? "Remove bookmark (b)" : "Bookmark (b)"}
          onClick={(event) => {
            event.stopPropagation();
            onToggleStar(item);
          }}
        >
          <StarIcon filled={item.bookmarked} />
        </button>
      </Cell>
      <Cell className="cell col-id end mono">{item.connectionId}</Cell>
      <Cell className="cell col-user" title={item.username ?? undefined}>
        {item.username ?? <span className="faint">unknown user</span>}
      </Cell>
      <Cell className="cell col-ip mono">{item.ip}</Cell>
      <Cell className="cell col-version">
        {item.version === null ? (
          <span className="faint">unknown</span>
        ) : (
          <>
            <span className="mono version-short" title={item.version}>
              {shortVersion(item.version)}
            </span>
            <CopyButton text={item.version} what={`version ${item.version}`} inGrid />
          </>
        )}
      </Cell>
      <Cell className="cell col-updated">
        {item.lastUpdated ? (
          <time dateTime={item.lastUpdated} title={formatUpdatedTitle(item.lastUpdated, now)}>
            {formatUpdated(item.lastUpdated, now)}
          </time>
        ) : (
          NONE
        )}
      </Cell>
      <Cell className="cell col-duration end num">{formatDuration(item.durationSeconds)}</Cell>
      <Cell className="cell col-client">
        <StatusBadge side="client" status={item.client.status} />
      </Cell>
      <Cell className="cell col-server">
        <StatusBadge side="server" status={item.server.status} />
      </Cell>
      <CountCell column="errors" tone="error" {...errors} />
      <CountCell column="warnings" tone="warning" {...warnings} />
      <Cell className="cell col-latency end num">{formatMs(item.medianLatency)}</Cell>
    </Row>
  );
});

interface CountCellProps {
  column: string;
  tone: "error" | "warning";
  count: number | null;
  percent: number | null;
}

/** "12 · 0.05%": a count and its share of entries; zero is muted (absence is not a signal). */
function CountCell({ column, tone, count, percent }: CountCellProps) {
  return (
    <Cell className={`cell col-${column} end num`}>
      {count === null ? (
        <span className="faint">{NONE}</span>
      ) : (
        <span className="count" data-tone={count > 0 ? tone : undefined}>
          <span className="count-value">{formatCount(count)}</span>
          <span className="count-share">{formatPercent(percent)}</span>
        </span>
      )}
    </Cell>
  );
}
