/** GET /api/connections: search, filter, sort and page through connections. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { callerOf, requireScope } from "../../auth/auth-plugin.js";
import type { ConnectionQuery } from "../../store/store.js";
import { toConnectionItem } from "../connection-view.js";
import type { RouteDeps } from "../deps.js";
import { ResponseCache, sendCachedJson } from "../response-cache.js";
import { errorResponses } from "../schemas/common.js";
import { ConnectionListQuerySchema, ConnectionPageSchema } from "../schemas/connection.js";

export const connectionListRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { store }) => {
  const responses = new ResponseCache();
  app.get(
    "/connections",
    {
      config: { etag: true },
      onRequest: requireScope("read"),
      schema: {
        tags: ["connections"],
        summary: "Connections, newest first by default; keyset pages via nextCursor",
        querystring: ConnectionListQuerySchema,
        response: { 200: ConnectionPageSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const listQuery: ConnectionQuery = {
        // An empty box means no filter, not "username equals the empty string".
        q: emptyToUndefined(query.q),
        cursor: emptyToUndefined(query.cursor),
        version: emptyToUndefined(query.version),
        status: query.status,
        hasErrors: query.hasErrors,
        bookmarked: query.bookmarked,
        pattern: emptyToUndefined(query.pattern),
        sort: query.sort,
        order: query.order,
        limit: query.limit,
        // Whose bookmarks: also part of the cache key below.
        userId: callerOf(request).userId,
      };
      // Read before the query: a write committed after this point retires whatever the query returns.
      const generation = await store.dataGeneration();
      const key = JSON.stringify(listQuery);
      let response = responses.get(generation, key);
      if (response === undefined) {
        const page = await store.listConnections(listQuery);
        // The route's response schema serializes (JSON: a string), exactly as returning the object would.
        const body = reply.serialize({
          items: page.items.map(toConnectionItem),
          nextCursor: page.nextCursor,
          total: page.total,
        }) as string;
        response = responses.set(generation, key, body);
      }
      return sendCachedJson(request, reply, response);
    },
  );
};

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
