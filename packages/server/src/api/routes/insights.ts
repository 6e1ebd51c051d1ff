/** GET /api/insights/*: fleet-wide patterns and comparisons, from stored summaries (see ../../insights). */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import { requireScope } from "../../auth/auth-plugin.js";
import type { FleetInsights } from "../../insights/fleet-insights.js";
import type { RouteDeps } from "../deps.js";
import { ResponseCache, sendCachedJson } from "../response-cache.js";
import { asResponse, errorResponses } from "../schemas/common.js";
import {
  ErrorLatencyResponseSchema,
  MetricsResponseSchema,
  PatternConnectionsQuerySchema,
  PatternConnectionsResponseSchema,
  PatternIdParamsSchema,
  PatternsQuerySchema,
  PatternsResponseSchema,
  UsersResponseSchema,
  VersionsResponseSchema,
} from "../schemas/insights.js";

/** The dashboard needs no fresher view than this; the server's answers are exact per data generation. */
const CACHE_CONTROL = "private, max-age=5";

export const insightsRoutes: FastifyPluginAsyncTypebox<RouteDeps & { insights: FleetInsights }> = async (
  app,
  { store, insights },
) => {
  app.addHook("onSend", async (_request, reply, payload) => {
    if (reply.statusCode === 200) reply.header("cache-control", CACHE_CONTROL);
    return payload;
  });

  // Serialized once per data generation: the scatter alone is ~350 KB of JSON at 3,000 points.
  const responses = new ResponseCache({ maxBytes: 8 * 1024 * 1024 });
  const cached = async (
    request: FastifyRequest,
    reply: FastifyReply,
    key: string,
    compute: () => Promise<unknown>,
  ) => {
    // Read before computing: a write committed after this point retires what is cached under it.
    const generation = await store.dataGeneration();
    let response = responses.get(generation, key);
    if (response === undefined) {
      response = responses.set(generation, key, reply.serialize(await compute()) as string);
    }
    return sendCachedJson(request, reply, response);
  };

  app.get(
    "/insights/patterns",
    {
      onRequest: requireScope("read"),
      config: { etag: true },
      schema: {
        tags: ["insights"],
        summary: "The most frequent error/warning patterns across all logs",
        querystring: PatternsQuerySchema,
        response: { 200: PatternsResponseSchema, ...errorResponses(400) },
      },
    },
    (request, reply) =>
      cached(request, reply, `patterns:${request.query.limit}`, async () =>
        asResponse(PatternsResponseSchema, { items: await insights.patterns(request.query.limit) }),
      ),
  );

  app.get(
    "/insights/patterns/:patternId/connections",
    {
      onRequest: requireScope("read"),
      schema: {
        tags: ["insights"],
        summary: "Connections whose logs contain a pattern (to filter the table to it)",
        params: PatternIdParamsSchema,
        querystring: PatternConnectionsQuerySchema,
        response: { 200: PatternConnectionsResponseSchema, ...errorResponses(400) },
      },
    },
    async (request) => ({
      connectionIds: [...(await store.connectionsWithPattern(request.params.patternId, request.query.limit))],
    }),
  );

  app.get(
    "/insights/versions",
    {
      onRequest: requireScope("read"),
      config: { etag: true },
      schema: {
        tags: ["insights"],
        summary:
          "Per version (by first seen): metric medians, error rate, regression tests vs the previous version",
        response: { 200: VersionsResponseSchema },
      },
    },
    (request, reply) =>
      cached(request, reply, "versions", async () =>
        asResponse(VersionsResponseSchema, { items: await insights.versions() }),
      ),
  );

  app.get(
    "/insights/error-latency",
    {
      onRequest: requireScope("read"),
      config: { etag: true },
      schema: {
        tags: ["insights"],
        summary: "Errors vs median latency per connection with a client log, with Pearson and Spearman",
        response: { 200: ErrorLatencyResponseSchema },
      },
    },
    (request, reply) =>
      cached(request, reply, "error-latency", async () =>
        asResponse(ErrorLatencyResponseSchema, await insights.errorLatency()),
      ),
  );

  app.get(
    "/insights/users",
    {
      onRequest: requireScope("read"),
      config: { etag: true },
      schema: {
        tags: ["insights"],
        summary: "How many users the fleet's connections belong to (distinct usernames)",
        response: { 200: UsersResponseSchema },
      },
    },
    (request, reply) => cached(request, reply, "users", async () => ({ users: await insights.users() })),
  );

  app.get(
    "/insights/metrics",
    {
      onRequest: requireScope("read"),
      config: { etag: true },
      schema: {
        tags: ["insights"],
        summary: "Fleet distribution of each metric's per-log medians: statistics and a 20-bin histogram",
        response: { 200: MetricsResponseSchema },
      },
    },
    (request, reply) =>
      cached(request, reply, "metrics", async () =>
        asResponse(MetricsResponseSchema, await insights.metrics()),
      ),
  );
};
