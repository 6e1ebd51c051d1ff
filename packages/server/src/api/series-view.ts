/**
 * One metric series as a chart wants it: restricted to a time range, downsampled with min-max buckets so
 * spikes survive, with the statistics of the whole series (a zoomed chart still shows the log's numbers).
 */
import { describeValues, downsampleMinMax, type SeriesStats } from "@loupe/core";
import type { SeriesColumns } from "../store/store.js";

export interface SeriesWindow {
  /** 0: every point. */
  readonly maxPoints: number;
  /** Inclusive bounds in seconds; undefined = open. */
  readonly from?: number;
  readonly to?: number;
}

export interface SeriesView {
  readonly t: Float64Array;
  readonly v: Float64Array;
  /** Points in the window before downsampling. */
  readonly totalPoints: number;
  readonly stats: SeriesStats | null;
}

const EMPTY: SeriesColumns = { t: new Float64Array(0), v: new Float64Array(0) };

export function viewSeries(columns: SeriesColumns | undefined, window: SeriesWindow): SeriesView {
  const series = columns ?? EMPTY;
  const inWindow = restrict(series, window.from, window.to);
  const { ts, vs } = downsampleMinMax(inWindow.t, inWindow.v, window.maxPoints);
  return { t: ts, v: vs, totalPoints: inWindow.t.length, stats: describeValues(series.v) };
}

/**
 * The points whose time lies in [from, to]. A scan, not a binary search: times may step back a little
 * (threads racing in the logger), so the series is not strictly sorted.
 */
function restrict(series: SeriesColumns, from: number | undefined, to: number | undefined): SeriesColumns {
  if (from === undefined && to === undefined) return series;
  const low = from ?? Number.NEGATIVE_INFINITY;
  const high = to ?? Number.POSITIVE_INFINITY;
  const n = series.t.length;
  const t = new Float64Array(n);
  const v = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const time = series.t[i] as number;
    if (time >= low && time <= high) {
      t[count] = time;
      v[count] = series.v[i] as number;
      count++;
    }
  }
  return { t: t.subarray(0, count), v: v.subarray(0, count) };
}
