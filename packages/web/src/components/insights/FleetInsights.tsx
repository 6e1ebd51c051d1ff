import { useState } from "react";
import { useConnectionCount } from "../../api/connections.js";
import { useErrorLatency, useFleetMetrics, usePatterns, useVersions } from "../../api/insights.js";
import type { PatternInsight } from "../../api/types.js";
import { formatCount } from "../../format/format.js";
import { useUpdateView, useView } from "../../state/use-url-state.js";
import { useNearViewport } from "../common/use-near-viewport.js";
import { ErrorLatencyChart } from "./ErrorLatencyChart.js";
import { PATTERN_LIMIT, PATTERN_ROWS } from "./insights-format.js";
import { MetricHistograms } from "./MetricHistograms.js";
import { Panel } from "./Panel.js";
import { PatternsTable } from "./PatternsTable.js";
import { revealRegion } from "./reveal.js";
import { VersionsTable } from "./VersionsTable.js";

/**
 * What goes wrong across the whole fleet, below the open connection: the most common error messages
 * (click one to list its connections), the versions compared, errors vs latency, and how each metric
 * spreads across sessions. Versions, metrics and error-latency are shared with the fleet strip's queries;
 * the pattern list waits until the region is near the viewport.
 */
export function FleetInsights() {
  const [region, seen] = useNearViewport<HTMLElement>();
  const view = useView();
  const update = useUpdateView();
  const patterns = usePatterns(PATTERN_LIMIT, { enabled: seen || view.pattern !== null });
  const versions = useVersions();
  const errorLatency = useErrorLatency();
  const metrics = useFleetMetrics();
  const connections = useConnectionCount({});
  const [allPatterns, setAllPatterns] = useState(false);

  const selectPattern = (pattern: PatternInsight) => {
    if (view.pattern === pattern.id) {
      update({ pattern: null });
      return;
    }
    update({ pattern: pattern.id });
    // The table is far above: take the user to the list they just narrowed.
    revealRegion(".table-card", "#connections-grid");
  };
  const patternItems = patterns.data?.items ?? [];
  const shownPatterns = allPatterns ? patternItems : patternItems.slice(0, PATTERN_ROWS);

  return (
    <section ref={region} className="insights" aria-labelledby="insights-title">
      <h2 id="insights-title" className="section-title">
        Fleet insights
      </h2>
      <div className="insights-grid">
        <Panel
          id="insight-patterns"
          title="Most common errors and warnings"
          subtitle="Across all logs, grouped by message with numbers, ids and addresses masked. Click a message to list the connections whose logs contain it."
          query={patterns}
          wide
        >
          {() => (
            <>
              <PatternsTable
                items={shownPatterns}
                totalConnections={connections.data ?? null}
                active={view.pattern}
                onSelect={selectPattern}
              />
              {patternItems.length > PATTERN_ROWS ? (
                <div className="panel-foot">
                  <button
                    type="button"
                    className="btn btn-small"
                    aria-expanded={allPatterns}
                    onClick={() => setAllPatterns((all) => !all)}
                  >
                    {allPatterns
                      ? `Show the top ${PATTERN_ROWS}`
                      : `Show all ${formatCount(patternItems.length)}${patternItems.length === PATTERN_LIMIT ? " most common" : ""}`}
                  </button>
                </div>
              ) : null}
            </>
          )}
        </Panel>
        <Panel
          id="insight-versions"
          title="Versions compared"
          subtitle="Oldest first: the median of each session's median, and the share of log entries that are errors. ▲ worse marks a metric significantly higher than in the version before (hover or focus it for the test)."
          query={versions}
          wide
        >
          {() => <VersionsTable items={versions.data?.items ?? []} />}
        </Panel>
        <Panel
          id="insight-correlation"
          title="Errors vs median latency"
          subtitle="One dot per connection with a client log: do sessions with more errors run slower?"
          query={errorLatency}
          skeleton="chart"
        >
          {() => (errorLatency.data ? <ErrorLatencyChart data={errorLatency.data} /> : null)}
        </Panel>
        <Panel
          id="insight-metrics"
          title="Metric distributions"
          subtitle="How each session's median spreads across the fleet (the line marks the fleet's median)."
          query={metrics}
          skeleton="chart"
        >
          {() => (metrics.data ? <MetricHistograms data={metrics.data} /> : null)}
        </Panel>
      </div>
    </section>
  );
}
