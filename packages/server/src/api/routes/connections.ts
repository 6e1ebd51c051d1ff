/** GET /api/connections: search, filter, sort and page through connections. */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DEFAULT_USER_ID } from "../../store/store.js";
import { toConnectionItem } from "../connection-view.js";
import type { RouteDeps } from "../deps.js";
import { errorResponses } from "../schemas/common.js";
import { ConnectionListQuerySchema, ConnectionPageSchema } from "../schemas/connection.js";

export const connectionListRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { store }) => {
  app.get(
    "/connections",
    {
      config: { etag: true },
      schema: {
        tags: ["connections"],
        summary: "Connections, newest first by default; keyset pages via nextCursor",
        querystring: ConnectionListQuerySchema,
        response: { 200: ConnectionPageSchema, ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const page = await store.listConnections({
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
        userId: DEFAULT_USER_ID,
      });
      // Revalidate every time (ingestion changes rows), but a 304 saves the body when nothing changed.
      reply.header("cache-control", "no-cache");
      return { items: page.items.map(toConnectionItem), nextCursor: page.nextCursor, total: page.total };
    },
  );
};

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
