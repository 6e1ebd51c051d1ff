/** Ingestion: progress (GET /api/ingest/status) and re-fetching a connection's logs. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { requireScope } from "../../auth/auth-plugin.js";
import type { RouteDeps } from "../deps.js";
import { notFound } from "../errors.js";
import { ConnectionIdParamsSchema, errorResponses } from "../schemas/common.js";
import { IngestStatusSchema, RefetchResponseSchema } from "../schemas/ingest.js";

export const ingestRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { store, ingest }) => {
  app.get(
    "/ingest/status",
    {
      onRequest: requireScope("read"),
      schema: {
        tags: ["ingest"],
        summary: "How many logs are known, done, pending and failed",
        response: { 200: IngestStatusSchema },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      const { total, done, pending, failed } = await store.ingestStatus();
      return { total, done, pending, failed };
    },
  );

  app.post(
    "/connections/:id/refetch",
    {
      onRequest: requireScope("read"),
      schema: {
        tags: ["ingest"],
        summary: "Fetch and parse both logs of a connection again",
        params: ConnectionIdParamsSchema,
        response: { 202: RefetchResponseSchema, ...errorResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const logs = await store.connectionLogs(id);
      if (logs === undefined) throw notFound(`Connection ${id}`);
      // Both sides may name the same URL, hence the same log row: queue it once.
      const logIds = [...new Set([logs.client, logs.server])].filter((logId) => logId !== undefined);
      for (const logId of logIds) {
        await (ingest ? ingest.requeue(logId) : store.requeue(logId, Date.now()));
      }
      return reply.code(202).send({ requeued: logIds.length });
    },
  );
};
