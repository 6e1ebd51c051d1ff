/** Live ingestion through the API: registering connections (manifest rows) and uploading log bodies. */
import { Type } from "typebox";

/** More rows than this go in several requests (or a manifest with `loupe ingest`). */
export const MAX_REGISTERED_ROWS = 1000;

/**
 * Rows are not checked by this schema but by the manifest's own validator, row by row, so one bad row is
 * reported (row, field, reason) while the good rows are stored.
 */
export const RegisterBodySchema = Type.Array(
  Type.Unknown({
    description:
      "One connection as in the manifest (log-format.md): connection_id, username, ip, last_updated, " +
      "version, client_logs, server_logs",
  }),
  {
    minItems: 1,
    maxItems: MAX_REGISTERED_ROWS,
    description: `Up to ${MAX_REGISTERED_ROWS} connections`,
  },
);

export const RegisterResponseSchema = Type.Object({
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  logsQueued: Type.Integer({ description: "Logs queued for ingestion (new or changed URLs)" }),
  rejected: Type.Array(
    Type.Object({
      row: Type.Integer({ description: "1-based position in the request" }),
      connectionId: Type.Optional(Type.Integer()),
      field: Type.String({ description: "The manifest field, or (row)" }),
      reason: Type.String(),
    }),
    { description: "Rows not stored, one entry per problem; every other row was stored" },
  ),
});

export const UploadParamsSchema = Type.Object({
  id: Type.Integer({ minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }),
  side: Type.Union([Type.Literal("client"), Type.Literal("server")]),
});

export const UploadResponseSchema = Type.Object({
  url: Type.String({ description: "Where the log now is in object storage; it is queued for ingestion" }),
  bytes: Type.Integer(),
});
