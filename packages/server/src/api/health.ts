/**
 * Liveness (the process answers) and readiness (the process has started, and the database answers and
 * is migrated).
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { Store } from "../store/store.js";
import { ApiError } from "./errors.js";
import { NOT_RATE_LIMITED } from "./rate-limit.js";
import { errorResponses } from "./schemas/common.js";
import { HealthSchema, ReadySchema } from "./schemas/health.js";

export interface HealthOptions {
  readonly store: Pick<Store, "ready">;
  /** false until the process's start-up work is done (see ApiDeps.started). */
  readonly started?: () => boolean;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthOptions> = async (
  app,
  { store, started = () => true },
) => {
  app.get(
    "/healthz",
    {
      // Probes are never rate limited: a load balancer must not take a busy process for a dead one.
      config: NOT_RATE_LIMITED,
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
      config: NOT_RATE_LIMITED,
      schema: {
        tags: ["health"],
        summary: "Readiness: 200 once started, with the database answering and migrated; else 503",
        response: { 200: ReadySchema, ...errorResponses(503) },
      },
    },
    async (_request, reply) => {
      reply.header("cache-control", "no-store");
      if (!started()) throw new ApiError("unavailable", "Starting: importing connections and warming up");
      const ready = await store.ready().catch(() => false);
      if (!ready) throw new ApiError("unavailable", "The database is not ready");
      return { status: "ready" as const };
    },
  );
};
