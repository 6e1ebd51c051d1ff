import { METRICS, type MetricDistribution, type MetricName, type MetricsResponse } from "../../api/types.js";
import { formatCount } from "../../format/format.js";
import { formatMetric, METRIC_NAMES } from "./insights-format.js";
import { useWidth } from "./use-width.js";

/** Tall enough that the panel matches the errors-vs-latency panel beside it (no empty bottom). */
const HEIGHT = 150;
const AXIS = 18;

/** Which log each metric comes from: what "no data" means for it. */
const SOURCE: Readonly<Record<MetricName, string>> = {
  latency: "client",
  decode_time: "client",
  encode_time: "server",
  encode_size: "server",
};

/** The spread of each session's median across the fleet: four small histograms with their figures. */
export function MetricHistograms({ data }: { data: MetricsResponse }) {
  return (
    <div className="histograms">
      {METRICS.map((metric) => (
        <Histogram key={metric} metric={metric} distribution={data[metric]} />
      ))}
    </div>
  );
}

function Histogram({ metric, distribution }: { metric: MetricName; distribution: MetricDistribution }) {
  const { stats, histogram, logs } = distribution;
  const name = METRIC_NAMES[metric];
  return (
    <figure className="histogram" aria-labelledby={`histogram-${metric}`}>
      <figcaption className="histogram-head">
        <span id={`histogram-${metric}`} className="histogram-title">
          {name}
        </span>
        <span className="muted num">
          {stats
            ? `median ${formatMetric(metric, stats.median)} · p95 ${formatMetric(metric, stats.p95)} · ${formatCount(logs)} sessions`
            : ""}
        </span>
      </figcaption>
      {stats === null || histogram.length === 0 ? (
        <p className="muted histogram-empty">{`No ${SOURCE[metric]} log with ${name.toLowerCase()} yet.`}</p>
      ) : (
        <Bars metric={metric} distribution={distribution} />
      )}
    </figure>
  );
}

function Bars({ metric, distribution }: { metric: MetricName; distribution: MetricDistribution }) {
  const [box, width] = useWidth<HTMLDivElement>();
  const { histogram, stats } = distribution;
  const first = histogram[0];
  const last = histogram.at(-1);
  if (!stats || !first || !last) return null;
  const highest = Math.max(1, ...histogram.map((bin) => bin.count));
  const plot = HEIGHT - AXIS;
  const barWidth = width / histogram.length;
  // Bars are equal-width slots, not a linear axis: a long tail has a last bin of its own (the server's
  // histogramWithTail), so a value is placed within the slot of the bin that holds it.
  const xOf = (value: number) => {
    const i = Math.max(
      0,
      histogram.findIndex((bin) => value <= bin.to),
    );
    const bin = histogram[i] ?? last;
    const within = bin.to > bin.from ? (value - bin.from) / (bin.to - bin.from) : 0.5;
    return (i + Math.min(1, Math.max(0, within))) * barWidth;
  };
  const label = `${METRIC_NAMES[metric]} across ${formatCount(distribution.logs)} sessions: from ${formatMetric(
    metric,
    stats.min,
  )} to ${formatMetric(metric, stats.max)}, median ${formatMetric(metric, stats.median)}, p95 ${formatMetric(
    metric,
    stats.p95,
  )}.`;
  return (
    <div ref={box} className="histogram-box">
      {width > 0 ? (
        <svg width={width} height={HEIGHT} viewBox={`0 0 ${width} ${HEIGHT}`} role="img" aria-label={label}>
          {histogram.map((bin, i) => {
            const h = (bin.count / highest) * plot;
            // The outliers' own bin starts past the previous bin's end (histogramWithTail on the server).
            const tail = i > 0 && i === histogram.length - 1 && bin.from > (histogram[i - 1]?.to ?? bin.from);
            return (
              <rect
                // biome-ignore lint/suspicious/noArrayIndexKey: a bin is its position on the axis.
                key={i}
                className={tail ? "bar tail" : "bar"}
                x={i * barWidth + 1}
                y={plot - h}
                width={Math.max(1, barWidth - 2)}
                height={Math.max(bin.count > 0 ? 1 : 0, h)}
              >
                <title>{`${tail ? "Outliers: above " : ""}${formatMetric(metric, bin.from)} – ${formatMetric(
                  metric,
                  bin.to,
                )}: ${formatCount(bin.count)} ${bin.count === 1 ? "session" : "sessions"}`}</title>
              </rect>
            );
          })}
          <line className="median-line" x1={xOf(stats.median)} x2={xOf(stats.median)} y1={0} y2={plot}>
            <title>{`Median ${formatMetric(metric, stats.median)}`}</title>
          </line>
          <line className="axis-line" x1={0} x2={width} y1={plot + 0.5} y2={plot + 0.5} />
          <text className="tick-label" x={0} y={HEIGHT - 4} textAnchor="start">
            {formatMetric(metric, first.from)}
          </text>
          <text className="tick-label" x={width} y={HEIGHT - 4} textAnchor="end">
            {formatMetric(metric, last.to)}
          </text>
        </svg>
      ) : null}
    </div>
  );
}
