/**
 * GET /api/connections/:id/logs: the raw logs, re-read from object storage (they are never copied into
 * the database), one side or both on one timeline, filtered by level and text, paged by cursor, and able
 * to start at a moment (a point clicked on a chart).
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireScope } from "../../auth/auth-plugin.js";
import type { RawLog } from "../../raw-logs/raw-log.js";
import { interleave, queryRawEntries } from "../../raw-logs/raw-log-query.js";
import { type RawLogSource, RawLogUnavailableError } from "../../raw-logs/raw-log-source.js";
import type { LogSide, LogSummary } from "../../store/store.js";
import type { RouteDeps } from "../deps.js";
import { ApiError, notFound } from "../errors.js";
import { asResponse, ConnectionIdParamsSchema, errorResponses } from "../schemas/common.js";
import { RawLogPageSchema, RawLogQuerySchema } from "../schemas/raw-logs.js";

/** Statuses whose object exists and holds (or held) bytes worth showing. */
const READABLE = new Set<LogSummary["status"]>(["ok", "invalid"]);

interface SideState {
  status: string;
  shown: boolean;
  reason: string | null;
  preamble: RawLog["preamble"];
}

export const rawLogRoutes: FastifyPluginAsyncTypebox<RouteDeps & { rawLogs: RawLogSource }> = async (
  app,
  { store, rawLogs },
) => {
  app.get(
    "/connections/:id/logs",
    {
      onRequest: requireScope("read"),
      schema: {
        tags: ["connections"],
        summary: "Raw log entries with their continuation lines: client, server, or both interleaved by time",
        params: ConnectionIdParamsSchema,
        querystring: RawLogQuerySchema,
        response: { 200: RawLogPageSchema, ...errorResponses(400, 404, 503) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const query = request.query;
      const [row, logIds] = await Promise.all([store.getConnection(id), store.connectionLogs(id)]);
      if (row === undefined || logIds === undefined) throw notFound(`Connection ${id}`);
      if (rawLogs === undefined)
        throw new ApiError("unavailable", "Raw logs are not available in this process");

      const wanted: LogSide[] = query.side === "both" ? ["client", "server"] : [query.side];
      const sides: Record<LogSide, SideState> = {
        client: { status: row.client.status, shown: false, reason: "not requested", preamble: [] },
        server: { status: row.server.status, shown: false, reason: "not requested", preamble: [] },
      };
      const loaded: RawLog[] = [];
      let fetchFailure: string | undefined;
      for (const side of wanted) {
        const summary = row[side];
        const logId = logIds[side];
        if (logId === undefined || summary.url === null || !READABLE.has(summary.status)) {
          sides[side].reason = reasonNotShown(summary.status);
          continue;
        }
        try {
          const log = await rawLogs.load(logId, summary.url, side);
          loaded.push(log);
          sides[side] = { status: summary.status, shown: true, reason: null, preamble: log.preamble };
        } catch (error) {
          if (!(error instanceof RawLogUnavailableError)) throw error;
          sides[side].reason = error.message;
          fetchFailure = error.message;
        }
      }
      // Nothing to show because object storage failed just now: that is worth a retry, unlike a missing log.
      if (loaded.length === 0 && fetchFailure !== undefined) {
        throw new ApiError("unavailable", `${fetchFailure}; try again later`);
      }
      const levels = query.level
        ?.split(",")
        .map((l) => l.trim())
        .filter((l) => l.length > 0);
      const page = queryRawEntries(interleave(loaded), {
        levels,
        q: query.q,
        cursor: query.cursor === undefined ? undefined : Number(query.cursor),
        at: query.at,
        limit: query.limit,
      });
      return asResponse(RawLogPageSchema, {
        items: page.items,
        offset: page.offset,
        nextCursor: page.nextCursor === null ? null : String(page.nextCursor),
        total: page.total,
        sides,
      });
    },
  );
};

function reasonNotShown(status: LogSummary["status"]): string {
  switch (status) {
    case "not_recorded":
      return "no log was uploaded for this side";
    case "missing":
      return "the log is missing at the source";
    case "pending":
      return "the log is still being ingested";
    case "unavailable":
      return "the log was temporarily unavailable";
    default:
      return `the log is ${status}`;
  }
}
