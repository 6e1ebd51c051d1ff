/**
 * The Fastify instance behind `loupe serve`: the JSON API under /api, its OpenAPI document at /docs,
 * probes and metrics, and (optionally) the dashboard's files and the demo bucket. The instance is returned
 * registered but not listening; the caller decides where it listens and closes it.
 */
import compress from "@fastify/compress";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { authPlugin } from "../auth/auth-plugin.js";
import { createOidcClient } from "../auth/oidc.js";
import { CALLBACK_PATH, signInRoutes } from "../auth/sign-in-routes.js";
import { FleetInsights } from "../insights/fleet-insights.js";
import { bodyCompressionPlugin, STREAM_COMPRESSION } from "./body-compression.js";
import { createChangeFeed } from "./change-feed.js";
import type { ApiDeps, RouteDeps } from "./deps.js";
import { registerDocs } from "./docs.js";
import { handleClientError, handleError, handleNotFound } from "./errors.js";
import { etagPlugin } from "./etag.js";
import { healthRoutes } from "./health.js";
import { metricsPlugin } from "./metrics.js";
import { registerRateLimit } from "./rate-limit.js";
import { requestIdPlugin } from "./request-id.js";
import { bookmarkRoutes } from "./routes/bookmarks.js";
import { connectionDetailRoutes } from "./routes/connection-detail.js";
import { connectionListRoutes } from "./routes/connections.js";
import { eventsRoutes } from "./routes/events.js";
import { infoRoutes } from "./routes/info.js";
import { ingestRoutes } from "./routes/ingest.js";
import { insightsRoutes } from "./routes/insights.js";
import { rawLogRoutes } from "./routes/raw-logs.js";
import { registerConnectionRoutes } from "./routes/register-connections.js";
import { seriesRoutes } from "./routes/series.js";
import { uploadLogRoutes } from "./routes/upload-log.js";
import { securityHeadersPlugin, withSecurityHeaders } from "./security-headers.js";
import { serverLimitOptions } from "./server-limits.js";
import { strictNumbersPlugin } from "./strict-numbers.js";
import { pageFallback, registerMounts, registerWebApp } from "./web.js";

export type { ApiDeps, IngestControl } from "./deps.js";

export async function buildApi(deps: ApiDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(typeof deps.logger === "object" ? { loggerInstance: deps.logger } : { logger: deps.logger ?? false }),
    // Timeouts against slow clients, and the 64 KB body limit (a bigger body is refused with 413
    // before it is read): server-limits.ts.
    ...serverLimitOptions(deps.limits),
    // Which proxies' X-Forwarded-For names the client (request.ip, which the rate limit counts by).
    trustProxy: deps.trustProxy === undefined || deps.trustProxy.length === 0 ? false : [...deps.trustProxy],
    // A proxy's request id is kept, so one id follows a request through the logs of both.
    requestIdHeader: "x-request-id",
    // A URL the router cannot decode (e.g. /api/connections/%zz) gets the same JSON error as the rest.
    frameworkErrors: withSecurityHeaders(handleError),
    // A slow or malformed client, cut off before it sent a whole request: the same JSON error shape.
    clientErrorHandler: handleClientError,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    ajv: {
      // Query values arrive as strings; coerce "50" to 50 (Fastify's default), and drop unknown parameters
      // rather than failing (old links may carry some).
      customOptions: { coerceTypes: "array", removeAdditional: true, useDefaults: true, allErrors: false },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(deps.webRoot === undefined ? handleNotFound : pageFallback);

  await app.register(securityHeadersPlugin);
  // Before every route, which it attaches itself to; off unless the caller sets a limit (loupe serve does).
  await registerRateLimit(app, deps.rateLimit ?? { perMinute: 0 });
  await app.register(requestIdPlugin);
  await app.register(strictNumbersPlugin);
  await app.register(etagPlugin);
  // After the ETag hook, on the tagged body: whole bodies here, streams by @fastify/compress's per-route
  // hooks, which run after every global one.
  await app.register(bodyCompressionPlugin);
  await app.register(compress, STREAM_COMPRESSION);
  // Before any route: it checks and guards every route as it is added, /docs's included.
  await app.register(authPlugin, { store: deps.store, settings: deps.auth });
  // Before any route: the document collects routes as they are added.
  await registerDocs(app);
  await app.register(metricsPlugin, { store: deps.store, ingestCounters: deps.ingest?.counters });

  await app.register(healthRoutes, { store: deps.store, started: deps.started });
  const routeDeps: RouteDeps = { store: deps.store, ingest: deps.ingest, rawLogs: deps.rawLogs };
  const insights = new FleetInsights(deps.store);
  const changes = createChangeFeed(deps.store);
  app.addHook("onClose", async () => changes.close());
  await app.register(
    async (api) => {
      await api.register(infoRoutes);
      await api.register(connectionListRoutes, routeDeps);
      await api.register(connectionDetailRoutes, routeDeps);
      await api.register(seriesRoutes, routeDeps);
      // The raw viewer reads object storage; a process without access to it simply does not offer it.
      if (deps.rawLogs !== undefined)
        await api.register(rawLogRoutes, { ...routeDeps, rawLogs: deps.rawLogs });
      await api.register(bookmarkRoutes, routeDeps);
      await api.register(ingestRoutes, routeDeps);
      await api.register(eventsRoutes, { changes });
      if (deps.checkSourceUrl !== undefined)
        await api.register(registerConnectionRoutes, { store: deps.store, checkUrl: deps.checkSourceUrl });
      if (deps.uploads !== undefined)
        await api.register(uploadLogRoutes, { store: deps.store, uploads: deps.uploads });
      await api.register(insightsRoutes, { ...routeDeps, insights });
    },
    { prefix: "/api" },
  );

  const oidc = deps.auth?.oidc;
  if (deps.auth !== undefined && oidc !== undefined) {
    const client = createOidcClient(oidc, `${deps.auth.publicUrl}${CALLBACK_PATH}`);
    await app.register(signInRoutes, { store: deps.store, settings: deps.auth, oidc, client });
  }
  registerMounts(app, deps.mounts ?? []);
  if (deps.webRoot !== undefined) await registerWebApp(app, deps.webRoot);
  return app;
}
