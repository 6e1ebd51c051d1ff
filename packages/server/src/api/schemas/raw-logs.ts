/** Raw log entries for the viewer: one side or both interleaved by time, filtered and paged. */
import { Type } from "typebox";
import { Nullable, StringEnum } from "./common.js";

export const MAX_LOG_PAGE = 2000;

export const RawLogQuerySchema = Type.Object({
  side: StringEnum(["client", "server", "both"] as const, {
    default: "both",
    description: "Which log; both: client and server interleaved by time",
  }),
  level: Type.Optional(
    Type.String({
      maxLength: 200,
      description: "Comma-separated levels to keep, e.g. ERROR,WARNING (default: all)",
    }),
  ),
  q: Type.Optional(
    Type.String({
      maxLength: 500,
      description: "Case-insensitive text in the message or its continuation lines",
    }),
  ),
  cursor: Type.Optional(
    Type.String({ maxLength: 20, pattern: "^[0-9]+$", description: "nextCursor of the previous page" }),
  ),
  at: Type.Optional(
    Type.Number({
      minimum: -1e9,
      maximum: 1e9,
      description: "Start at the first entry at or after this time (seconds)",
    }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: MAX_LOG_PAGE, default: 500 }),
});

const TextLineSchema = Type.Object({ lineNumber: Type.Integer(), text: Type.String() });

export const RawEntrySchema = Type.Object({
  side: StringEnum(["client", "server"] as const),
  lineNumber: Type.Integer({ description: "1-based line in its file" }),
  time: Type.Number({ description: "Seconds since 00:00 UTC of the log's first day" }),
  level: Type.String(),
  file: Type.String(),
  func: Type.String(),
  sourceLine: Type.Integer(),
  message: Type.String(),
  continuation: Type.Array(TextLineSchema, {
    description: "Lines without the logger's prefix that follow the entry",
  }),
});

const SideStateSchema = Type.Object({
  status: Type.String({ description: "The log's ingestion status" }),
  shown: Type.Boolean({ description: "Whether its entries are in this answer" }),
  reason: Nullable(Type.String({ description: "Why not, when not shown" })),
  preamble: Type.Array(TextLineSchema, { description: "Lines before the first entry" }),
});

export const RawLogPageSchema = Type.Object({
  items: Type.Array(RawEntrySchema),
  offset: Type.Integer({ description: "Position of the first item among the entries that match" }),
  nextCursor: Nullable(Type.String()),
  total: Type.Integer({ description: "Entries that match the filters" }),
  sides: Type.Object({ client: SideStateSchema, server: SideStateSchema }),
});
