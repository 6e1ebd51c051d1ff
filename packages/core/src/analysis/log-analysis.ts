import type { AnyMetricName } from "../metrics/metric-names.js";
import type { PatternStats } from "../patterns/index.js";
import type { SeriesStats } from "../stats/describe.js";

/** A metric series as two columns: seconds since 00:00 UTC of the log's first day, and values. */
export interface Series {
  readonly t: Float64Array;
  readonly v: Float64Array;
}

/** Everything known about one log after one pass. Counts are of lines as defined in log-format.md. */
export interface LogAnalysis {
  readonly bytes: number;
  /** Every line, blank ones included. */
  readonly lines: number;
  readonly blankLines: number;
  /** Lines that follow the grammar. */
  readonly entries: number;
  /** Non-blank lines that do not follow the grammar, after the first entry (stack traces, raw prints). */
  readonly continuationLines: number;
  /** Non-blank lines that do not follow the grammar, before the first entry. */
  readonly unparsedLines: number;
  /** Metric lines whose number is not finite (`nan`, `-nan(ind)`, `inf`). */
  readonly invalidValues: number;
  /** Entries per level, every level that occurs. */
  readonly levels: Readonly<Record<string, number>>;
  /** ERROR and FATAL_ERROR entries. */
  readonly errors: number;
  readonly warnings: number;
  readonly firstTime: number | null;
  readonly lastTime: number | null;
  /** The latest moment any entry names (entries may step back a little when threads race). */
  readonly latestTime: number | null;
  /** From the first entry to latestTime. */
  readonly durationSeconds: number | null;
  readonly series: Readonly<Record<AnyMetricName, Series>>;
  readonly stats: Readonly<Record<AnyMetricName, SeriesStats | null>>;
  /** ERROR / FATAL_ERROR / WARNING messages grouped by template. */
  readonly patterns: readonly PatternStats[];
}
