/** The four charts: names (the accessible ones are fixed by product.md), units, and the log behind each. */
import type { MetricName, MetricSeries, SeriesStats } from "../../api/types.js";
import { type ApiUnit, DISPLAY_UNIT, type DisplayUnit, formatClock, formatMetricValue } from "./format.js";
import type { TickSide } from "./ticks.js";

export interface MetricView {
  readonly metric: MetricName;
  readonly title: string;
  /** aria-label of the chart's container (product.md: browser tests and screen readers use it). */
  readonly label: string;
  /** Lower case, in sentences: "No decode time lines in this log". */
  readonly noun: string;
  readonly side: TickSide;
  readonly unit: ApiUnit;
  readonly display: DisplayUnit;
}

const view = (metric: MetricName, title: string, side: TickSide, unit: ApiUnit): MetricView => ({
  metric,
  title,
  label: `${title} chart`,
  noun: title.toLowerCase(),
  side,
  unit,
  display: DISPLAY_UNIT[unit],
});

export const METRIC_VIEWS: readonly MetricView[] = [
  view("latency", "Latency", "client", "seconds"),
  view("decode_time", "Decode time", "client", "seconds"),
  view("encode_time", "Encode time", "server", "seconds"),
  view("encode_size", "Encode size", "server", "bytes"),
];

export const viewsOf = (side: TickSide) => METRIC_VIEWS.filter((v) => v.side === side);

/**
 * What a screen reader hears for a chart: the extent, the statistics, the ticks, e.g. "Latency from
 * the client log: 2,595 points from 17:25:47 to 17:47:25. Median 23.0 ms, p95 78.8 ms, … 1 error and
 * 16 warnings are marked on the time axis."
 */
export function chartSummary(
  v: MetricView,
  series: Pick<MetricSeries, "t" | "totalPoints"> & { stats: SeriesStats | null },
  ticks: { error: number; warning: number },
): string {
  const t = series.t ?? [];
  const from = t[0];
  const to = t[t.length - 1];
  const extent =
    from !== undefined && to !== undefined ? ` from ${formatClock(from)} to ${formatClock(to)}` : "";
  const head = `${v.title} from the ${v.side} log: ${series.totalPoints.toLocaleString("en-US")} points${extent}.`;
  const s = series.stats;
  const stats = s
    ? ` Median ${fmt(s.median, v)}, p95 ${fmt(s.p95, v)}, mean ${fmt(s.mean, v)}, minimum ${fmt(s.min, v)}, maximum ${fmt(s.max, v)}.`
    : "";
  const marks =
    ticks.error + ticks.warning > 0
      ? ` ${plural(ticks.error, "error")} and ${plural(ticks.warning, "warning")} are marked on the time axis.`
      : "";
  return head + stats + marks;
}

const fmt = (value: number, v: MetricView) => formatMetricValue(value, v.unit);
const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
