import { useRefetchLogs } from "../../api/connection.js";
import { errorMessage } from "../../api/http.js";
import { RetryIcon } from "./icons.js";

/**
 * Queues a connection's logs to be fetched again (POST /refetch): the one Retry of every place that says a
 * log was temporarily unavailable, with its pending, failed and queued states.
 */
export function RefetchButton({
  connectionId,
  label = "Retry",
  className,
}: {
  connectionId: number;
  label?: string;
  className: string;
}) {
  const refetch = useRefetchLogs(connectionId);
  return (
    <p className={className}>
      <button
        type="button"
        className="btn btn-small"
        onClick={() => refetch.mutate()}
        disabled={refetch.isPending}
      >
        <RetryIcon />
        {refetch.isPending ? "Retrying…" : label}
      </button>
      {refetch.isError ? <span className="error-text">{errorMessage(refetch.error)}</span> : null}
      {refetch.isSuccess ? (
        <span className="muted" role="status">
          Queued again; this updates by itself.
        </span>
      ) : null}
    </p>
  );
}
