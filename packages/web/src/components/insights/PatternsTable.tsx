import type { PatternInsight } from "../../api/types.js";
import { formatAbsolute, formatCount, shortVersion } from "../../format/format.js";
import { formatDate, formatShare } from "./insights-format.js";

interface PatternsTableProps {
  items: PatternInsight[];
  /** All connections in the fleet: the denominator of "share of connections". */
  totalConnections: number | null;
  /** The pattern the connections table is filtered to, if any. */
  active: string | null;
  onSelect: (pattern: PatternInsight) => void;
}

/**
 * The fleet's most frequent ERROR/WARNING messages. The message is a button: it filters the connections
 * table to the connections whose logs contain it (the `pattern` filter, shown there as a chip).
 */
export function PatternsTable({ items, totalConnections, active, onSelect }: PatternsTableProps) {
  if (items.length === 0) {
    return (
      <p className="muted panel-empty" role="status">
        No ERROR or WARNING entries in any ingested log yet.
      </p>
    );
  }
  return (
    <div className="table-scroll">
      <table className="simple-table patterns-table">
        <thead>
          <tr>
            <th scope="col">Message (numbers, ids and addresses masked)</th>
            <th scope="col">Level</th>
            <th scope="col" className="end">
              Count
            </th>
            <th scope="col" className="end" title="Connections whose logs contain it, and their share of all">
              Connections
            </th>
            <th scope="col" className="end">
              Users
            </th>
            <th scope="col" className="end">
              Versions
            </th>
            <th scope="col">First seen</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => {
            const isActive = p.id === active;
            return (
              <tr key={`${p.id}-${p.level}`} data-active={isActive || undefined}>
                <td className="message-cell">
                  <button
                    type="button"
                    className="pattern-button mono"
                    aria-pressed={isActive}
                    title={`Example: ${p.example}\nClick to list the connections that have it`}
                    onClick={() => onSelect(p)}
                  >
                    {p.template}
                  </button>
                </td>
                <td>
                  <span className="level" data-level={p.level}>
                    {p.level}
                  </span>
                </td>
                <td className="end num">{formatCount(p.count)}</td>
                <td className="end num">
                  {formatCount(p.connections)}{" "}
                  <span className="muted share">{formatShare(p.connections, totalConnections)}</span>
                </td>
                <td className="end num">{formatCount(p.users)}</td>
                <td className="end num" title={p.versions.join("\n") || undefined}>
                  {formatCount(p.versions.length)}
                </td>
                <td className="first-seen">
                  <time dateTime={p.firstSeen ?? undefined} title={formatAbsolute(p.firstSeen)}>
                    {formatDate(p.firstSeen)}
                  </time>
                  {p.firstVersion ? (
                    <span className="muted">
                      {" in "}
                      <span className="mono" title={p.firstVersion}>
                        {shortVersion(p.firstVersion)}
                      </span>
                    </span>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
