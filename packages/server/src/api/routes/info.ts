/** GET /api/info: what the page needs to know about this server (e.g. to say "open access"). */
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import { DEFAULT_USER_ID } from "../../store/store.js";
import { ServerInfoSchema } from "../schemas/health.js";

export const infoRoutes: FastifyPluginAsyncTypebox<{ openAccess: boolean }> = async (app, { openAccess }) => {
  app.get(
    "/info",
    {
      schema: {
        tags: ["health"],
        summary: "Server facts the page shows",
        response: { 200: ServerInfoSchema },
      },
    },
    async () => ({ openAccess, userId: DEFAULT_USER_ID }),
  );
};
