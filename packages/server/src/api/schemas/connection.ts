/** Connections: the list, one connection's detail, the list's query. Field names follow product.md. */
import { type Static, Type } from "typebox";
import { IsoTimeSchema, Nullable, StringEnum } from "./common.js";

export const LOG_STATUSES = ["not_recorded", "pending", "ok", "missing", "unavailable", "invalid"] as const;
export const CONNECTION_SORTS = ["lastUpdated", "errors", "medianLatency"] as const;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

export const LogStatusSchema = StringEnum(LOG_STATUSES, {
  description: "invalid: empty, or no line parses; unavailable: temporarily (it is retried)",
});

const logSummaryFields = {
  status: LogStatusSchema,
  entries: Nullable(Type.Integer()),
  levels: Nullable(Type.Record(Type.String(), Type.Integer(), { description: "Entries per level" })),
  errors: Nullable(Type.Integer({ description: "ERROR and FATAL_ERROR entries" })),
  warnings: Nullable(Type.Integer()),
  errorPct: Nullable(Type.Number({ description: "errors as a percentage of entries" })),
  warningPct: Nullable(Type.Number()),
};

export const LogSummarySchema = Type.Object(logSummaryFields);

export const LogPatternSchema = Type.Object({
  id: Type.String(),
  level: Type.String(),
  template: Type.String({ description: "The message with numbers, ids and addresses masked" }),
  example: Type.String(),
  count: Type.Integer(),
  firstTime: Nullable(Type.Number({ description: "Seconds since 00:00 UTC of the log's first day" })),
  lastTime: Nullable(Type.Number()),
});

export const LogDetailSchema = Type.Object({
  ...logSummaryFields,
  logId: Nullable(Type.Integer()),
  url: Nullable(Type.String()),
  lastError: Nullable(Type.String({ description: "Why the log is unavailable/missing, when known" })),
  patterns: Type.Array(LogPatternSchema, { description: "The log's most frequent ERROR/WARNING patterns" }),
});

const connectionFields = {
  connectionId: Type.Integer(),
  username: Nullable(Type.String()),
  ip: Type.String(),
  version: Nullable(Type.String()),
  lastUpdated: Nullable(IsoTimeSchema),
  bookmarked: Type.Boolean(),
  medianLatency: Nullable(Type.Number({ description: "Median of the client log's latency, seconds" })),
  durationSeconds: Nullable(Type.Number({ description: "Session length (the longer log), seconds" })),
};

export const ConnectionItemSchema = Type.Object({
  ...connectionFields,
  client: LogSummarySchema,
  server: LogSummarySchema,
});
export type ConnectionItem = Static<typeof ConnectionItemSchema>;

export const ConnectionDetailSchema = Type.Object({
  ...connectionFields,
  client: LogDetailSchema,
  server: LogDetailSchema,
});
export type ConnectionDetail = Static<typeof ConnectionDetailSchema>;
export type LogDetail = Static<typeof LogDetailSchema>;

export const ConnectionPageSchema = Type.Object({
  items: Type.Array(ConnectionItemSchema),
  nextCursor: Nullable(Type.String({ description: "Pass as `cursor` for the next page; null on the last" })),
  total: Type.Integer({ description: "Connections matching the filters (all pages)" }),
});

export const ConnectionListQuerySchema = Type.Object({
  q: Type.Optional(
    Type.String({
      maxLength: 256,
      description: "Case-insensitive substring of the username; % and _ are literal",
    }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE }),
  cursor: Type.Optional(Type.String({ maxLength: 2048, description: "nextCursor of the previous page" })),
  version: Type.Optional(Type.String({ maxLength: 256, description: "Exact version" })),
  status: Type.Optional(StringEnum(LOG_STATUSES, { description: "Either log has this status" })),
  hasErrors: Type.Optional(Type.Boolean()),
  bookmarked: Type.Optional(Type.Boolean()),
  pattern: Type.Optional(
    Type.String({
      maxLength: 200,
      description:
        "A fleet error pattern's id (GET /api/insights/patterns): connections either of whose logs has it",
    }),
  ),
  sort: Type.Optional(StringEnum(CONNECTION_SORTS, { default: "lastUpdated" })),
  order: Type.Optional(StringEnum(["asc", "desc"] as const, { default: "desc" })),
});
