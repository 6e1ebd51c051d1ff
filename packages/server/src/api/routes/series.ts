/** GET /api/connections/:id/series: the four metric series on one time axis, downsampled for charts. */

import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { type AnyMetricName, METRIC_DEFINITIONS, METRIC_NAMES, type MetricName } from "@loupe/core";
import type { Static } from "typebox";
import { requireScope } from "../../auth/auth-plugin.js";
import { METRIC_SIDE } from "../../insights/fleet-metrics.js";
import type { LogSide, LogSummary, SeriesColumns } from "../../store/store.js";
import type { RouteDeps } from "../deps.js";
import { ApiError, notFound } from "../errors.js";
import { ConnectionIdParamsSchema, errorResponses } from "../schemas/common.js";
import { type MetricSeriesSchema, SeriesQuerySchema, SeriesResponseSchema } from "../schemas/series.js";
import { viewSeries } from "../series-view.js";

type MetricSeries = Static<typeof MetricSeriesSchema>;

/** Statuses that will not change unless someone asks for a re-fetch: their series can be cached. */
const FINAL_STATUSES: ReadonlySet<LogSummary["status"]> = new Set([
  "ok",
  "missing",
  "invalid",
  "not_recorded",
]);

const UNITS = Object.fromEntries(METRIC_DEFINITIONS.map((d) => [d.name, d.unit])) as Record<
  MetricName,
  "seconds" | "bytes"
>;

export const seriesRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { store }) => {
  app.get(
    "/connections/:id/series",
    {
      config: { etag: true },
      onRequest: requireScope("read"),
      schema: {
        tags: ["connections"],
        summary:
          "Latency, decode time, encode time and encode size: points [t seconds, v] and full-series stats",
        params: ConnectionIdParamsSchema,
        querystring: SeriesQuerySchema,
        response: { 200: SeriesResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { maxPoints, from, to, format } = request.query;
      if (from !== undefined && to !== undefined && from > to) {
        throw new ApiError("invalid_parameter", `Invalid query parameter "from": must be <= to (${to})`);
      }
      const [row, logs] = await Promise.all([store.getConnection(id), store.connectionLogs(id)]);
      if (row === undefined || logs === undefined) throw notFound(`Connection ${id}`);
      const [client, server] = await Promise.all([
        logs.client === undefined ? {} : store.logSeries(logs.client),
        logs.server === undefined ? {} : store.logSeries(logs.server),
      ]);
      const bySide: Record<LogSide, Partial<Record<AnyMetricName, SeriesColumns>>> = { client, server };

      const body = {} as Record<MetricName, MetricSeries>;
      for (const metric of METRIC_NAMES) {
        const side = METRIC_SIDE[metric];
        const columns: SeriesColumns | undefined = bySide[side][metric];
        const view = viewSeries(columns, { maxPoints, from, to });
        body[metric] = {
          ...(format === "columns"
            ? { t: Array.from(view.t), v: Array.from(view.v) }
            : { points: pairs(view.t, view.v) }),
          stats: view.stats,
          totalPoints: view.totalPoints,
          side,
          unit: UNITS[metric],
          status: row[side].status,
        };
      }
      const final = FINAL_STATUSES.has(row.client.status) && FINAL_STATUSES.has(row.server.status);
      // Final logs only change on a re-fetch: a minute of browser caching is safe; otherwise revalidate.
      reply.header("cache-control", final ? "private, max-age=60" : "no-cache");
      return body;
    },
  );
};

function pairs(t: Float64Array, v: Float64Array): [number, number][] {
  const out = new Array<[number, number]>(t.length);
  for (let i = 0; i < t.length; i++) out[i] = [t[i] as number, v[i] as number];
  return out;
}
