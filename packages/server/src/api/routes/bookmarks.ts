/** PUT / DELETE /api/connections/:id/bookmark: star and un-star (idempotent). */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { Type } from "typebox";
import { callerOf, requireScope } from "../../auth/auth-plugin.js";
import type { RouteDeps } from "../deps.js";
import { notFound } from "../errors.js";
import { ConnectionIdParamsSchema, errorResponses } from "../schemas/common.js";

const schema = (summary: string) => ({
  tags: ["connections"],
  summary,
  params: ConnectionIdParamsSchema,
  response: {
    204: Type.Null({ description: "Done (also when it already was)" }),
    ...errorResponses(400, 404),
  },
});

export const bookmarkRoutes: FastifyPluginAsyncTypebox<RouteDeps> = async (app, { store }) => {
  for (const [method, on] of [
    ["PUT", true],
    ["DELETE", false],
  ] as const) {
    app.route({
      method,
      url: "/connections/:id/bookmark",
      onRequest: requireScope("read"),
      schema: schema(on ? "Bookmark a connection" : "Remove a connection's bookmark"),
      handler: async (request, reply) => {
        const { id } = request.params;
        if (!(await store.setBookmark(id, callerOf(request).userId, on))) throw notFound(`Connection ${id}`);
        return reply.code(204).send(null);
      },
    });
  }
};
