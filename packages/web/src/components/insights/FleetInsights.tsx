import { useErrorLatency, useFleetMetrics, usePatterns, useVersions } from "../../api/insights.js";
import { METRICS } from "../../api/types.js";
import { formatCount, formatKB, formatMs, NONE } from "../../format/format.js";
import { useNearViewport } from "../common/use-near-viewport.js";
import { Panel } from "./Panel.js";
import { PatternsTable } from "./PatternsTable.js";
import { VersionsTable } from "./VersionsTable.js";

const METRIC_NAMES = {
  latency: "Latency",
  decode_time: "Decode time",
  encode_time: "Encode time",
  encode_size: "Encode size",
} as const;
const formatMetric = (metric: (typeof METRICS)[number], value: number | null | undefined) =>
  metric === "encode_size" ? formatKB(value) : formatMs(value);

/**
 * What goes wrong across the whole fleet. This part lays out the region with the figures as tables;
 * the charts (scatter, histograms) and click-to-filter arrive with the next part.
 */
export function FleetInsights() {
  const [region, seen] = useNearViewport<HTMLElement>();
  const patterns = usePatterns(10, { enabled: seen });
  const versions = useVersions();
  const errorLatency = useErrorLatency();
  const metrics = useFleetMetrics();
  return (
    <section ref={region} className="insights" aria-labelledby="insights-title">
      <h2 id="insights-title" className="section-title">
        Fleet insights
      </h2>
      <div className="insights-grid">
        <Panel
          id="insight-patterns"
          title="Most common errors and warnings"
          subtitle="Across all logs, grouped by message with numbers, ids and addresses masked"
          query={patterns}
        >
          {() => <PatternsTable items={patterns.data?.items ?? []} />}
        </Panel>
        <Panel
          id="insight-versions"
          title="Versions compared"
          subtitle="Median of each session's median, and the error rate, by version (oldest first)"
          query={versions}
        >
          {() => <VersionsTable items={versions.data?.items ?? []} />}
        </Panel>
        <Panel
          id="insight-correlation"
          title="Errors vs median latency"
          subtitle="Across connections with a client log: do sessions with more errors run slower?"
          query={errorLatency}
        >
          {() => (
            <dl className="figures">
              <div>
                <dt>Pearson r</dt>
                <dd className="num">{errorLatency.data?.pearson?.toFixed(2) ?? NONE}</dd>
              </div>
              <div>
                <dt>Spearman ρ</dt>
                <dd className="num">{errorLatency.data?.spearman?.toFixed(2) ?? NONE}</dd>
              </div>
              <div>
                <dt>Connections</dt>
                <dd className="num">{formatCount(errorLatency.data?.n)}</dd>
              </div>
            </dl>
          )}
        </Panel>
        <Panel
          id="insight-metrics"
          title="Metric distributions"
          subtitle="Each session's median, summarised across the fleet"
          query={metrics}
        >
          {() => (
            <table className="simple-table">
              <thead>
                <tr>
                  <th scope="col">Metric</th>
                  <th scope="col" className="end">
                    Sessions
                  </th>
                  <th scope="col" className="end">
                    Median
                  </th>
                  <th scope="col" className="end">
                    p95
                  </th>
                  <th scope="col" className="end">
                    Max
                  </th>
                </tr>
              </thead>
              <tbody>
                {METRICS.map((metric) => {
                  const d = metrics.data?.[metric];
                  return (
                    <tr key={metric}>
                      <th scope="row">{METRIC_NAMES[metric]}</th>
                      <td className="end num">{formatCount(d?.logs)}</td>
                      <td className="end num">{formatMetric(metric, d?.stats?.median)}</td>
                      <td className="end num">{formatMetric(metric, d?.stats?.p95)}</td>
                      <td className="end num">{formatMetric(metric, d?.stats?.max)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </Panel>
      </div>
    </section>
  );
}
