/** The OpenAPI document, generated from the routes' TypeBox schemas, and Swagger UI at /docs. */
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { API_ERRORS } from "./errors.js";

const ERROR_CODES = Object.entries(API_ERRORS)
  .map(([code, { status, description }]) => `- \`${code}\` (${status}): ${description}`)
  .join("\n");

/** Registers the document; must come before the routes so that every route is collected. */
export async function registerDocs(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Loupe API",
        version: "1",
        description: `Connections of the streaming product, their logs' metrics and fleet insights.\n\nWhen sign-in is configured, every /api route needs a signed-in session (the page's cookie; changes also send its X-CSRF-Token header) or an API token (\`Authorization: Bearer loupe_…\`, \`loupe token create\`) with the route's scope; without it the server listens on loopback only and everyone may call it.\n\nEvery error answer is JSON \`{"error": code, "message": text}\`. Codes:\n${ERROR_CODES}`,
      },
      components: {
        securitySchemes: {
          bearerToken: {
            type: "http",
            scheme: "bearer",
            description: "An API token from loupe token create",
          },
          sessionCookie: {
            type: "apiKey",
            in: "cookie",
            name: "loupe_session",
            description: "Signed in at /auth/login (__Host-loupe_session behind https)",
          },
        },
      },
      tags: [
        { name: "connections", description: "Search, detail, series, bookmarks" },
        { name: "ingest", description: "Fetching and parsing the logs" },
        { name: "insights", description: "Fleet-wide error patterns and metric comparisons" },
        { name: "health", description: "Probes and metrics" },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
}
