/** The four series every connection is judged by, and the file each is written to. */
export const METRIC_NAMES = ["latency", "decode_time", "encode_time", "encode_size"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

/** Look-alikes the logger also writes; offered as extra series, never mixed into the four. */
export const EXTRA_METRIC_NAMES = ["longest_encode_time", "longest_encode_size"] as const;
export type ExtraMetricName = (typeof EXTRA_METRIC_NAMES)[number];

export type AnyMetricName = MetricName | ExtraMetricName;
export const ALL_METRIC_NAMES: readonly AnyMetricName[] = [...METRIC_NAMES, ...EXTRA_METRIC_NAMES];

export type LogSide = "client" | "server";

export interface MetricDefinition {
  readonly name: AnyMetricName;
  /** The exact text before `: NUMBER` in the message. */
  readonly label: string;
  readonly side: LogSide;
  readonly unit: "seconds" | "bytes";
}

export const METRIC_DEFINITIONS: readonly MetricDefinition[] = [
  { name: "latency", label: "Latency", side: "client", unit: "seconds" },
  { name: "decode_time", label: "Avg Decode Time", side: "client", unit: "seconds" },
  { name: "encode_time", label: "Average Encode Time", side: "server", unit: "seconds" },
  { name: "encode_size", label: "Average Encode Size", side: "server", unit: "bytes" },
  { name: "longest_encode_time", label: "Longest Encode Time", side: "server", unit: "seconds" },
  { name: "longest_encode_size", label: "Longest Encode Size", side: "server", unit: "bytes" },
];
