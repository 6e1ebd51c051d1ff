import { useIngestStatus } from "../../api/ingest.js";
import { formatCount } from "../../format/format.js";
import { CheckIcon } from "../common/icons.js";

/**
 * While logs are ingested: a bar and "201 / 670 logs" (the table is not final yet). Afterwards the same
 * slot says how many logs are in, and how many failed, so the header never reflows when ingestion ends.
 */
export function IngestProgress() {
  const { data } = useIngestStatus();
  if (!data || data.total === 0) return <span className="ingest" />;
  const done = data.total - data.pending;
  if (data.pending === 0) {
    return (
      <span
        className="ingest ingest-done"
        title={`${formatCount(data.done)} of ${formatCount(data.total)} logs ingested`}
      >
        <CheckIcon />
        <span className="num">{`${formatCount(data.total)} logs ingested`}</span>
        {data.failed > 0 ? (
          <span className="ingest-failed num">{`· ${formatCount(data.failed)} failed`}</span>
        ) : null}
      </span>
    );
  }
  const percent = Math.round((done / data.total) * 100);
  return (
    <div className="ingest" title={`Ingesting logs: ${formatCount(data.pending)} still to fetch and parse`}>
      <div
        className="ingest-bar"
        role="progressbar"
        aria-label="Ingesting logs"
        aria-valuemin={0}
        aria-valuemax={data.total}
        aria-valuenow={done}
        aria-valuetext={`${formatCount(done)} of ${formatCount(data.total)} logs`}
      >
        <div className="ingest-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="num" aria-hidden="true">
        <strong>{formatCount(done)}</strong>
        {` / ${formatCount(data.total)} logs`}
      </span>
    </div>
  );
}
