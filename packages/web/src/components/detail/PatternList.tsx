import type { LogPattern } from "../../api/types.js";
import { formatCount } from "../../format/format.js";

interface Row extends LogPattern {
  side: "client" | "server";
}

/** The connection's most frequent ERROR/WARNING messages (numbers and ids masked), both logs together. */
export function PatternList({ client, server }: { client: LogPattern[]; server: LogPattern[] }) {
  const rows: Row[] = [
    ...client.map((p) => ({ ...p, side: "client" as const })),
    ...server.map((p) => ({ ...p, side: "server" as const })),
  ]
    .sort((a, b) => b.count - a.count)
    .slice(0, 8);
  if (rows.length === 0) return null;
  return (
    <section className="detail-section" aria-labelledby="detail-patterns">
      <h3 id="detail-patterns" className="subsection-title">
        Most frequent errors and warnings
      </h3>
      <table className="simple-table">
        <thead>
          <tr>
            <th scope="col" className="end">
              Count
            </th>
            <th scope="col">Level</th>
            <th scope="col">Log</th>
            <th scope="col">Message (numbers and ids masked)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.side}-${row.id}-${row.level}`}>
              <td className="end num">{formatCount(row.count)}</td>
              <td>
                <span className="level" data-level={row.level}>
                  {row.level}
                </span>
              </td>
              <td className="muted">{row.side}</td>
              <td className="mono message" title={row.example}>
                {row.template}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
