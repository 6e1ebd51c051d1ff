/** GET /api/connections/:id: one connection with its logs' details and most frequent error patterns. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyBaseLogger } from "fastify";
import { callerOf, requireScope } from "../../auth/auth-plugin.js";
import type { LogSummary } from "../../store/store.js";
import { type LogExtras, toConnectionDetail } from "../connection-view.js";
import type { RouteDeps } from "../deps.js";
import { notFound } from "../errors.js";
import { ConnectionIdParamsSchema, errorResponses } from "../schemas/common.js";
import { ConnectionDetailSchema } from "../schemas/connection.js";

export const connectionDetailRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, deps) => {
  const { store } = deps;

  /** Someone is looking at this log: fetch it ahead of the queue. Not awaited: the page must not wait. */
  const prioritize = (logId: number, log: FastifyBaseLogger): void => {
    const done = deps.ingest ? deps.ingest.prioritize(logId) : store.prioritize(logId, Date.now());
    done.catch((error: unknown) => log.warn({ err: error, logId }, "could not prioritize log"));
  };

  const extrasOf = async (summary: LogSummary, logId: number | undefined): Promise<LogExtras> => ({
    logId: logId ?? null,
    patterns: logId !== undefined && summary.status === "ok" ? await store.logPatterns(logId) : [],
  });

  app.get(
    "/connections/:id",
    {
      config: { etag: true },
      onRequest: requireScope("read"),
      schema: {
        tags: ["connections"],
        summary: "One connection; opening one whose logs are pending fetches them first",
        params: ConnectionIdParamsSchema,
        response: { 200: ConnectionDetailSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const [row, logs] = await Promise.all([
        store.getConnection(id, callerOf(request).userId),
        store.connectionLogs(id),
      ]);
      if (row === undefined) throw notFound(`Connection ${id}`);
      if (logs?.client !== undefined && row.client.status === "pending") prioritize(logs.client, request.log);
      if (logs?.server !== undefined && row.server.status === "pending") prioritize(logs.server, request.log);
      const [client, server] = await Promise.all([
        extrasOf(row.client, logs?.client),
        extrasOf(row.server, logs?.server),
      ]);
      reply.header("cache-control", "no-cache");
      return toConnectionDetail(row, { client, server });
    },
  );
};
