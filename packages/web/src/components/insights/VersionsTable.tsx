import { useId } from "react";
import { METRICS, type MetricName, type VersionInsight, type VersionMetric } from "../../api/types.js";
import { formatAbsolute, formatCount, formatRate, shortVersion } from "../../format/format.js";
import {
  formatCoefficient,
  formatDate,
  formatMetric,
  formatPValue,
  METRIC_NAMES,
} from "./insights-format.js";

/**
 * One row per version in the order the fleet first saw them (the server's order; unknown version last):
 * the median of each session's median for the four metrics, and the error rate. A metric significantly
 * worse than in the version before gets a "worse" badge whose tooltip gives the test's p-value and effect.
 */
export function VersionsTable({ items }: { items: VersionInsight[] }) {
  if (items.length === 0) {
    return (
      <p className="muted panel-empty" role="status">
        No connections yet.
      </p>
    );
  }
  return (
    <div className="table-scroll table-scroll-tips">
      <table className="simple-table versions-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">First seen</th>
            <th scope="col" className="end">
              Connections
            </th>
            {METRICS.map((metric) => (
              <th key={metric} scope="col" className="end">
                {METRIC_NAMES[metric]}
              </th>
            ))}
            <th scope="col" className="end" title="ERROR entries as a share of all entries">
              Error rate
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((v) => {
            const regressed = METRICS.some((metric) => v.metrics[metric].test?.regression);
            return (
              <tr key={v.version ?? "unknown"} data-regressed={regressed || undefined}>
                <th scope="row" className="version-cell">
                  {v.version === null ? (
                    <span className="faint" title="Connections whose manifest row has no version">
                      unknown
                    </span>
                  ) : (
                    <span className="mono" title={v.version}>
                      {shortVersion(v.version)}
                    </span>
                  )}
                </th>
                <td>
                  <time dateTime={v.firstSeen ?? undefined} title={formatAbsolute(v.firstSeen)}>
                    {formatDate(v.firstSeen)}
                  </time>
                </td>
                <td className="end num">{formatCount(v.connections)}</td>
                {METRICS.map((metric) => (
                  <MetricCell key={metric} metric={metric} value={v.metrics[metric]} />
                ))}
                <td className="end num">{formatRate(v.errorRate)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function MetricCell({ metric, value }: { metric: MetricName; value: VersionMetric }) {
  const sessions = `median of ${formatCount(value.logs)} ${value.logs === 1 ? "session" : "sessions"}`;
  return (
    <td className="end num metric-cell" title={sessions}>
      {value.test?.regression ? <RegressionBadge metric={metric} value={value} /> : null}
      <span>{formatMetric(metric, value.median)}</span>
    </td>
  );
}

/**
 * "▲ worse": a button only so that keyboard users can reach its tooltip (focus shows it, as hover does;
 * Escape hides it). The tooltip is also its description, so screen readers hear the numbers.
 */
function RegressionBadge({ metric, value }: { metric: MetricName; value: VersionMetric }) {
  const tipId = useId();
  const test = value.test;
  if (!test) return null;
  const against = shortVersion(test.against);
  return (
    <span className="tip-anchor">
      <button
        type="button"
        className="regression-badge"
        aria-describedby={tipId}
        onKeyDown={(event) => {
          if (event.key === "Escape") event.currentTarget.blur();
        }}
      >
        <span aria-hidden="true">▲</span> worse
      </button>
      <span role="tooltip" id={tipId} className="tip">
        <strong>{`${METRIC_NAMES[metric]}: significantly worse than ${against}`}</strong>
        <span>{`${formatPValue(test.pValue)} · effect size ${formatCoefficient(test.rankBiserial)}`}</span>
        <span className="tip-note">
          {`Higher than in ${against} across the sessions' medians (one-sided Mann–Whitney U; flagged when p < 0.01 and the rank-biserial effect is at least 0.2).`}
        </span>
      </span>
    </span>
  );
}
