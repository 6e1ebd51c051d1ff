import type { LogDetail } from "../../api/types.js";
import { formatCount, formatPercent } from "../../format/format.js";
import { SIDE_NAME, type Side, STATUS_WORDS } from "../../format/log-status.js";
import { RefetchButton } from "../common/RefetchButton.js";
import { StatusBadge } from "../common/StatusBadge.js";

interface LogCardProps {
  connectionId: number;
  side: Side;
  log: LogDetail;
}

/** One log's state. Where there is no data, it says which log and why, in words, never an empty box. */
export function LogCard({ connectionId, side, log }: LogCardProps) {
  return (
    <article className="log-card" data-status={log.status} aria-label={SIDE_NAME[side]}>
      <header className="log-card-head">
        <h3>{SIDE_NAME[side]}</h3>
        <StatusBadge side={side} status={log.status} />
      </header>
      {log.status === "ok" ? <LogCounts log={log} /> : <LogProblem connectionId={connectionId} log={log} />}
      {log.url ? (
        <p className="log-url mono faint" title={log.url}>
          {log.url}
        </p>
      ) : null}
    </article>
  );
}

function LogCounts({ log }: { log: LogDetail }) {
  return (
    <dl className="log-counts">
      <div>
        <dt>Entries</dt>
        <dd className="num">{formatCount(log.entries)}</dd>
      </div>
      <div>
        <dt>Errors</dt>
        <dd className="num" data-tone={log.errors ? "error" : undefined}>
          {formatCount(log.errors)} <span className="muted">{formatPercent(log.errorPct)}</span>
        </dd>
      </div>
      <div>
        <dt>Warnings</dt>
        <dd className="num" data-tone={log.warnings ? "warning" : undefined}>
          {formatCount(log.warnings)} <span className="muted">{formatPercent(log.warningPct)}</span>
        </dd>
      </div>
    </dl>
  );
}

function LogProblem({ connectionId, log }: { connectionId: number; log: LogDetail }) {
  const [headline, ...rest] = STATUS_WORDS[log.status].reason.split(": ");
  return (
    <div className="log-problem">
      <p>
        <strong>{headline}</strong>
        {rest.length > 0 ? <span className="muted">{`: ${rest.join(": ")}`}</span> : null}
      </p>
      {log.lastError ? <p className="muted">{`Reason given: ${log.lastError}`}</p> : null}
      {log.status === "unavailable" ? (
        <RefetchButton connectionId={connectionId} label="Retry now" className="log-problem-actions" />
      ) : null}
    </div>
  );
}
