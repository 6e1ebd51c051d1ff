import type { ReactNode } from "react";
import type { ConnectionDetail } from "../../api/types.js";
import { formatAbsolute, formatDuration, formatMs, formatRelative, NONE } from "../../format/format.js";
import { useNow } from "../../format/use-now.js";
import { CopyButton } from "../common/CopyButton.js";

/** Every field of the connection, including those the table hides at narrow widths. */
export function FieldList({ connection }: { connection: ConnectionDetail }) {
  const now = useNow(60_000);
  const { ip, version, lastUpdated, durationSeconds, medianLatency } = connection;
  return (
    <dl className="fields">
      <Field label="Server IP">
        <span className="mono">{ip}</span>
      </Field>
      <Field label="Version">
        {version === null ? (
          <span className="faint">unknown</span>
        ) : (
          <span className="field-with-action">
            <span className="mono">{version}</span>
            <CopyButton text={version} what={`version ${version}`} />
          </span>
        )}
      </Field>
      <Field label="Last updated">
        {lastUpdated ? (
          <time dateTime={lastUpdated} title={formatRelative(lastUpdated, now)}>
            {formatAbsolute(lastUpdated)}
          </time>
        ) : (
          NONE
        )}
      </Field>
      <Field label="Duration">
        <span className="num">{formatDuration(durationSeconds)}</span>
      </Field>
      <Field label="Median latency">
        <span className="num">{formatMs(medianLatency)}</span>
      </Field>
    </dl>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
