/** Echo the request id on every response, so a user reporting a 500 can quote what the log is keyed by. */
import fp from "fastify-plugin";

export const requestIdPlugin = fp(
  async (app) => {
    app.addHook("onSend", async (request, reply, payload) => {
      reply.header("x-request-id", request.id);
      // Responses are JSON or static files; never let a browser guess a type into something executable.
      reply.header("x-content-type-options", "nosniff");
      return payload;
    });
  },
  { name: "loupe-request-id" },
);
