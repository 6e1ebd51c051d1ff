import { useEffect, useState } from "react";
import { useIngestStatus } from "../../api/ingest.js";
import type { LogStatus } from "../../api/types.js";
import { formatCount } from "../../format/format.js";
import { RefetchButton } from "../common/RefetchButton.js";
import { StatusBadge } from "../common/StatusBadge.js";
import { formatSpan } from "./format.js";
import type { MetricView } from "./metrics.js";
import { noticeWords } from "./notice-words.js";
import type { TickSide } from "./ticks.js";

interface MissingLogNoticeProps {
  connectionId: number;
  side: TickSide;
  status: LogStatus;
  lastError: string | null;
  /** The charts this log would have drawn; the notice takes their place (and their height). */
  views: readonly MetricView[];
  /** Fixed while ingesting (the charts will take this place); otherwise the notice's own height. */
  height?: number;
}

/**
 * In place of a log's charts: which log, why it has no data, what that costs. Never an empty chart and
 * never an endless spinner: a log being ingested shows progress and is polled (by the series query)
 * until it settles, then the charts or the reason take its place.
 */
export function MissingLogNotice({
  connectionId,
  side,
  status,
  lastError,
  views,
  height,
}: MissingLogNoticeProps) {
  const words = noticeWords(
    side,
    status,
    views.map((v) => v.noun),
    lastError,
  );
  if (words === null) return null;
  return (
    <figure
      className="chart-notice"
      data-tone={words.tone}
      aria-label={views.map((v) => v.label).join(" and ")}
      style={{ height }}
    >
      <div className="chart-notice-body">
        <p className="chart-notice-names" aria-hidden="true">
          {views.map((v) => v.title).join(" · ")}
        </p>
        <p className="chart-notice-title">
          <strong>{words.title}</strong>
          <StatusBadge side={side} status={status} />
        </p>
        <p className="muted">{words.body}</p>
        {status === "unavailable" ? (
          <RefetchButton connectionId={connectionId} className="chart-notice-actions" />
        ) : null}
        {status === "pending" ? <IngestingProgress /> : null}
      </div>
    </figure>
  );
}

/** The fleet's ingestion (the API has no per-log progress), how long this log has been waited for. */
function IngestingProgress() {
  const { data } = useIngestStatus();
  const [since] = useState(() => Date.now());
  const [now, setNow] = useState(since);
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const waited = Math.max(0, (now - since) / 1000);
  const done = data ? data.total - data.pending : 0;
  const share = data && data.total > 0 ? done / data.total : null;
  return (
    <div className="chart-notice-progress">
      {share !== null ? (
        <div
          className="chart-progress"
          role="progressbar"
          aria-label="Logs ingested"
          aria-valuemin={0}
          aria-valuemax={data?.total}
          aria-valuenow={done}
          aria-valuetext={`${formatCount(done)} of ${formatCount(data?.total)} logs`}
        >
          <div className="chart-progress-fill" style={{ width: `${Math.round(share * 100)}%` }} />
        </div>
      ) : null}
      <span className="muted num">
        {share !== null ? `${formatCount(done)} of ${formatCount(data?.total)} logs ingested · ` : ""}
        {`checked every 2 s · waiting ${waited < 60 ? `${Math.floor(waited)} s` : formatSpan(waited)}`}
      </span>
      {waited > 60 ? (
        <span className="muted">This is taking longer than usual; Loupe keeps checking.</span>
      ) : null}
    </div>
  );
}
