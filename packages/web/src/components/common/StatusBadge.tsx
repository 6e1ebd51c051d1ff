import type { LogStatus } from "../../api/types.js";
import { type Side, STATUS_WORDS, statusAccessibleText } from "../../format/log-status.js";

/** A log's state as dot + word; screen readers hear which log and why ("Server log: missing at the source"). */
export function StatusBadge({ side, status }: { side: Side; status: LogStatus }) {
  const words = STATUS_WORDS[status];
  const spoken = statusAccessibleText(side, status);
  return (
    <span className="badge" data-tone={words.tone} title={words.reason}>
      <span aria-hidden="true">{words.label}</span>
      <span className="visually-hidden">{spoken}</span>
    </span>
  );
}
