/** Liveness (the process answers) and readiness (the database answers and is migrated). */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Store } from "../store/store.js";
import { ApiError } from "./errors.js";
import { errorResponses } from "./schemas/common.js";
import { HealthSchema, ReadySchema } from "./schemas/health.js";

export const healthRoutes: FastifyPluginAsyncTypebox<{ store: Pick<Store, "ready"> }> = async (
  app,
  { store },
) => {
  app.get(
    "/healthz",
    {
      schema: {
        tags: ["health"],
        summary: "Liveness: always 200 while the process serves",
        response: { 200: HealthSchema },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      return { status: "ok" as const };
    },
  );

  app.get(
    "/readyz",
    {
      schema: {
        tags: ["health"],
        summary: "Readiness: 200 when the database answers and is migrated, else 503",
        response: { 200: ReadySchema, ...errorResponses(503) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      const ready = await store.ready().catch(() => false);
      if (!ready) throw new ApiError("unavailable", "The database is not ready");
      return { status: "ready" as const };
    },
  );
};
