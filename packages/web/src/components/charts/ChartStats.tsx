import type { SeriesStats } from "../../api/types.js";
import { Skeleton } from "../common/StateMessage.js";
import { type ApiUnit, formatStats } from "./format.js";
import type { TickSide } from "./ticks.js";

const CELLS = 7;

interface ChartStatsProps {
  title: string;
  side: TickSide;
  stats: SeriesStats | null;
  unit: ApiUnit;
  loading: boolean;
}

/**
 * The statistics beside a chart: median and p95 first (what an engineer compares), then mean, std dev,
 * min, max and count. They describe the whole log, also while the chart is zoomed (the caption says so).
 * Every state (loading, no points) keeps the same size, so nothing moves when the numbers arrive.
 */
export function ChartStats({ title, side, stats, unit, loading }: ChartStatsProps) {
  return (
    <div className="chart-side">
      <p className="chart-side-caption">{`Whole ${side} log`}</p>
      <StatsBody title={title} stats={stats} unit={unit} loading={loading} />
    </div>
  );
}

function StatsBody({ title, stats, unit, loading }: Omit<ChartStatsProps, "side">) {
  if (loading) {
    return (
      <div className="chart-stats" aria-hidden="true">
        {Array.from({ length: CELLS }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholders, never reordered
          <div key={i}>
            <Skeleton width={34} height={10} />
            <Skeleton width={52} height={14} />
          </div>
        ))}
      </div>
    );
  }
  const cells = formatStats(stats, unit);
  if (cells.length === 0) {
    return (
      <div className="chart-stats chart-stats-empty">
        <span className="faint">No statistics without points</span>
      </div>
    );
  }
  return (
    <dl className="chart-stats" aria-label={`${title} statistics`}>
      {cells.map((cell) => (
        <div key={cell.key} data-stat={cell.key}>
          <dt>{cell.label}</dt>
          <dd className="num">{cell.value}</dd>
        </div>
      ))}
    </dl>
  );
}
