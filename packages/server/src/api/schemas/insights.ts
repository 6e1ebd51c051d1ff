/** Fleet insights: error patterns, per-version comparison, errors vs latency, metric distributions. */
import { Type } from "typebox";
import { IsoTimeSchema, Nullable, SeriesStatsSchema } from "./common.js";

export const DEFAULT_PATTERN_LIMIT = 20;
export const MAX_PATTERN_LIMIT = 500;

export const PatternsQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: MAX_PATTERN_LIMIT, default: DEFAULT_PATTERN_LIMIT }),
});

export const PatternInsightSchema = Type.Object({
  id: Type.String({ description: "Pattern id (shared by the same template at different levels)" }),
  level: Type.String(),
  template: Type.String({ description: "The message with numbers, ids and addresses masked" }),
  example: Type.String(),
  count: Type.Integer({ description: "Occurrences across all logs" }),
  logs: Type.Integer(),
  connections: Type.Integer(),
  users: Type.Integer(),
  versions: Type.Array(Type.String()),
  firstSeen: Nullable(IsoTimeSchema),
  lastSeen: Nullable(IsoTimeSchema),
  firstVersion: Nullable(Type.String({ description: "Version of the earliest connection that has it" })),
});

export const PatternsResponseSchema = Type.Object({ items: Type.Array(PatternInsightSchema) });

export const PatternIdParamsSchema = Type.Object({
  patternId: Type.String({ minLength: 1, maxLength: 200 }),
});
export const PatternConnectionsQuerySchema = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 5000, default: 500 }),
});
export const PatternConnectionsResponseSchema = Type.Object({
  connectionIds: Type.Array(Type.Integer(), { description: "Connections whose logs contain the pattern" }),
});

const VersionTestSchema = Type.Object(
  {
    against: Type.String({ description: "The earlier version compared with" }),
    pValue: Type.Number({ description: "One-sided Mann–Whitney U: is this version larger (worse)?" }),
    rankBiserial: Type.Number({ description: "Effect size in [-1, 1]; positive = this version larger" }),
    regression: Type.Boolean({ description: "pValue < 0.01 and rankBiserial ≥ 0.2" }),
  },
  { description: "Test of this version's per-log medians against the previous version's" },
);

const VersionMetricSchema = Type.Object({
  logs: Type.Integer({ description: "Logs of this version with the metric" }),
  median: Nullable(Type.Number({ description: "Median of the per-log medians" })),
  test: Nullable(VersionTestSchema),
});

export const VersionInsightSchema = Type.Object({
  version: Nullable(
    Type.String({ description: "null: connections of unknown version (listed last, not tested)" }),
  ),
  firstSeen: Nullable(IsoTimeSchema),
  lastSeen: Nullable(IsoTimeSchema),
  connections: Type.Integer(),
  logs: Type.Integer(),
  entries: Type.Integer(),
  errors: Type.Integer(),
  errorRate: Nullable(
    Type.Number({ description: "errors / entries across the version's logs (a fraction)" }),
  ),
  metrics: Type.Object({
    latency: VersionMetricSchema,
    decode_time: VersionMetricSchema,
    encode_time: VersionMetricSchema,
    encode_size: VersionMetricSchema,
  }),
});

export const VersionsResponseSchema = Type.Object({
  items: Type.Array(VersionInsightSchema, { description: "Ordered by first seen" }),
});

export const ErrorLatencyResponseSchema = Type.Object({
  n: Type.Integer({ description: "Connections with a client log that has latency (all of them)" }),
  pearson: Nullable(Type.Number()),
  spearman: Nullable(Type.Number()),
  points: Type.Array(
    Type.Object({
      connectionId: Type.Integer(),
      username: Nullable(Type.String()),
      version: Nullable(Type.String()),
      errors: Type.Integer({ description: "ERROR entries of both logs" }),
      medianLatency: Type.Number({ description: "The client log's median latency, seconds" }),
    }),
    {
      description:
        "By connection id; every connection up to 3,000, beyond that 3,000 spread over the fleet (a fixed sample by id)",
    },
  ),
});

const MetricDistributionSchema = Type.Object({
  logs: Type.Integer(),
  stats: Nullable(SeriesStatsSchema),
  histogram: Type.Array(
    Type.Object({
      from: Type.Number(),
      to: Type.Number({ description: "Exclusive, except in the last bin" }),
      count: Type.Integer(),
    }),
  ),
});

export const MetricsResponseSchema = Type.Object(
  {
    latency: MetricDistributionSchema,
    decode_time: MetricDistributionSchema,
    encode_time: MetricDistributionSchema,
    encode_size: MetricDistributionSchema,
  },
  { description: "Per metric: statistics and a histogram of the per-log medians" },
);

export const UsersResponseSchema = Type.Object({
  users: Type.Integer({
    minimum: 0,
    description: "Distinct usernames (case-insensitive) across every connection, whatever its logs' state",
  }),
});
