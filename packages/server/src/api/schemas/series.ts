/** A connection's four metric series, downsampled for charts. */
import { Type } from "typebox";
import { Nullable, SeriesStatsSchema, StringEnum } from "./common.js";
import { LogStatusSchema } from "./connection.js";

export const DEFAULT_MAX_POINTS = 2000;
/** Far above any chart's width; keeps `maxPoints` from being a way to ask for absurd allocations. */
export const MAX_MAX_POINTS = 1_000_000;
/** Seconds since the log's first midnight: a week of rollovers is far inside this. */
const TIME_BOUND = 1e9;

export const SeriesQuerySchema = Type.Object({
  maxPoints: Type.Integer({
    minimum: 0,
    maximum: MAX_MAX_POINTS,
    default: DEFAULT_MAX_POINTS,
    description: "At most this many points per series (min-max downsampling keeps spikes); 0 = every point",
  }),
  from: Type.Optional(
    Type.Number({
      minimum: -TIME_BOUND,
      maximum: TIME_BOUND,
      description: "Start of the range, seconds (inclusive)",
    }),
  ),
  to: Type.Optional(
    Type.Number({
      minimum: -TIME_BOUND,
      maximum: TIME_BOUND,
      description: "End of the range, seconds (inclusive)",
    }),
  ),
  format: Type.Optional(
    StringEnum(["points", "columns"] as const, {
      default: "points",
      description: "points: [[t, v], ...]; columns: t: [...] and v: [...] (what uPlot takes)",
    }),
  ),
});

export const MetricSeriesSchema = Type.Object({
  points: Type.Optional(
    Type.Array(Type.Tuple([Type.Number(), Type.Number()]), { description: "format=points: [t, v] pairs" }),
  ),
  t: Type.Optional(Type.Array(Type.Number(), { description: "format=columns: times, seconds" })),
  v: Type.Optional(Type.Array(Type.Number(), { description: "format=columns: values" })),
  stats: Nullable(SeriesStatsSchema),
  totalPoints: Type.Integer({ description: "Points in the requested range before downsampling" }),
  side: StringEnum(["client", "server"] as const, { description: "The log that writes this metric" }),
  unit: StringEnum(["seconds", "bytes"] as const),
  status: LogStatusSchema,
});

export const SeriesResponseSchema = Type.Object({
  latency: MetricSeriesSchema,
  decode_time: MetricSeriesSchema,
  encode_time: MetricSeriesSchema,
  encode_size: MetricSeriesSchema,
});
