/**
 * Why a log's lines are not in the viewer, in words: where its lines would be, never an empty box.
 * The API says, per side, whether it is shown and why not; the connection's detail adds the fetcher's
 * reason (e.g. "HTTP 404").
 */
import { useRefetchLogs } from "../../api/connection.js";
import { errorMessage } from "../../api/http.js";
import type { LogDetail, RawSideState } from "../../api/types.js";
import { SIDE_NAME, type Side } from "../../format/log-status.js";
import { RetryIcon } from "../common/icons.js";

export interface SideProblem {
  readonly title: string;
  readonly detail: string;
  readonly tone: "error" | "warning" | "info" | "muted";
  /** `refetch`: ask the server to fetch the log again (POST); `reload`: ask the viewer's query again. */
  readonly retry: "refetch" | "reload" | null;
}

/** What to say about a side the answer does not show (null when it is shown). */
export function sideProblem(side: Side, state: RawSideState, log: LogDetail | undefined): SideProblem | null {
  if (state.shown) return null;
  const name = SIDE_NAME[side];
  const lower = name.toLowerCase();
  const given = log?.lastError ? ` Reason given: ${log.lastError}.` : "";
  switch (state.status) {
    case "not_recorded":
      return {
        title: `${name}: not uploaded`,
        detail: `This session has no ${lower}, so there are no lines to show.`,
        tone: "muted",
        retry: null,
      };
    case "missing":
      return {
        title: `${name}: missing at the source`,
        detail: `The ${lower}'s URL has no file.${given}`,
        tone: "error",
        retry: null,
      };
    case "pending":
      return {
        title: `${name}: still being ingested`,
        detail: "Its lines appear here as soon as it is fetched and parsed; this takes seconds.",
        tone: "info",
        retry: null,
      };
    case "unavailable":
      return {
        title: `${name}: temporarily unavailable`,
        detail: `The source did not answer when it was fetched.${given}`,
        tone: "warning",
        retry: "refetch",
      };
    case "ok":
    case "invalid":
      // Ingested, but reading it back from storage failed just now.
      return {
        title: `${name}: temporarily unavailable`,
        detail: state.reason ? `Reading it failed: ${state.reason}.` : "Reading it failed.",
        tone: "warning",
        retry: "reload",
      };
    default:
      return {
        title: `${name}: not shown`,
        detail: state.reason ? `${state.reason}.` : "",
        tone: "muted",
        retry: null,
      };
  }
}

interface SideNoticeProps {
  connectionId: number;
  problem: SideProblem;
  /** A slim line above the lines (the other side is shown) rather than a message in their place. */
  compact?: boolean;
  onReload: () => void;
}

export function SideNotice({ connectionId, problem, compact = false, onReload }: SideNoticeProps) {
  const refetch = useRefetchLogs(connectionId);
  const retry =
    problem.retry === null ? null : (
      <button
        type="button"
        className="btn btn-small"
        disabled={refetch.isPending}
        onClick={() => (problem.retry === "refetch" ? refetch.mutate() : onReload())}
      >
        <RetryIcon />
        {refetch.isPending ? "Retrying…" : "Retry"}
      </button>
    );
  return (
    <div className={`rawlog-notice${compact ? " is-compact" : ""}`} data-tone={problem.tone} role="status">
      <span className="rawlog-notice-dot" aria-hidden="true" />
      <div className="rawlog-notice-text">
        <strong>{problem.title}</strong>
        {problem.detail ? <span>{problem.detail}</span> : null}
        {refetch.isError ? <span className="error-text">{errorMessage(refetch.error)}</span> : null}
        {refetch.isSuccess ? (
          <span>Queued again; the lines appear here when it has been fetched.</span>
        ) : null}
      </div>
      {retry}
    </div>
  );
}
