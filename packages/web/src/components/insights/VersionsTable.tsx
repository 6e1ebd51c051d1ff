import type { VersionInsight } from "../../api/types.js";
import { formatCount, formatMs, formatRate, shortVersion } from "../../format/format.js";

export function VersionsTable({ items }: { items: VersionInsight[] }) {
  return (
    <table className="simple-table">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col" className="end">
            Connections
          </th>
          <th scope="col" className="end">
            Error rate
          </th>
          <th scope="col" className="end">
            Latency
          </th>
          <th scope="col" className="end">
            Decode
          </th>
          <th scope="col" className="end">
            Encode
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((v) => {
          const regressed = Object.entries(v.metrics)
            .filter(([, m]) => m.test?.regression)
            .map(([name]) => name.replace("_", " "));
          return (
            <tr key={v.version ?? "unknown"}>
              <th scope="row" className="mono" title={v.version ?? "Connections without a version"}>
                {v.version === null ? <span className="faint">unknown</span> : shortVersion(v.version)}
                {regressed.length > 0 ? (
                  <span
                    className="badge"
                    data-tone="error"
                    title={`Significantly worse than the previous version: ${regressed.join(", ")}`}
                  >
                    worse
                  </span>
                ) : null}
              </th>
              <td className="end num">{formatCount(v.connections)}</td>
              <td className="end num">{formatRate(v.errorRate)}</td>
              <td className="end num">{formatMs(v.metrics.latency.median)}</td>
              <td className="end num">{formatMs(v.metrics.decode_time.median)}</td>
              <td className="end num">{formatMs(v.metrics.encode_time.median)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
