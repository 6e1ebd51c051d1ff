import type { PatternInsight } from "../../api/types.js";
import { formatCount } from "../../format/format.js";

export function PatternsTable({ items }: { items: PatternInsight[] }) {
  if (items.length === 0)
    return <p className="muted panel-empty">No ERROR or WARNING entries in any log yet.</p>;
  return (
    <table className="simple-table">
      <thead>
        <tr>
          <th scope="col" className="end">
            Count
          </th>
          <th scope="col">Level</th>
          <th scope="col">Message</th>
          <th scope="col" className="end">
            Connections
          </th>
          <th scope="col" className="end">
            Users
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((p) => (
          <tr key={`${p.id}-${p.level}`}>
            <td className="end num">{formatCount(p.count)}</td>
            <td>
              <span className="level" data-level={p.level}>
                {p.level}
              </span>
            </td>
            <td className="mono message" title={p.example}>
              {p.template}
            </td>
            <td className="end num">{formatCount(p.connections)}</td>
            <td className="end num">{formatCount(p.users)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
