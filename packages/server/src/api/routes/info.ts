/**
 * GET /api/info: what the page needs to know about this server and its caller: "open access", who is
 * signed in, and the CSRF token to send with changes.
 */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { callerOf, requireScope } from "../../auth/auth-plugin.js";
import { ServerInfoSchema } from "../schemas/health.js";

export const infoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    "/info",
    {
      onRequest: requireScope("read"),
      schema: {
        tags: ["health"],
        summary: "Server facts the page shows, and who is calling",
        response: { 200: ServerInfoSchema },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      // Carries the CSRF token: no cache of any kind may keep it.
      reply.header("cache-control", "no-store");
      const session = caller.session;
      return {
        openAccess: caller.kind === "open",
        userId: caller.userId,
        user: session === undefined ? null : { email: session.email, name: session.name },
        csrfToken: session?.csrfToken ?? null,
      };
    },
  );
};
