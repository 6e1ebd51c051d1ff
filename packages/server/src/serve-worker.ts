/**
 * `loupe serve --role worker`: ingestion only, for a cluster where API processes and workers share one
 * PostgreSQL (or SQLite file). It claims logs from the database's queue like any other worker, fetches
 * only from --allow-source prefixes, and answers health checks and metrics on its port for the
 * orchestrator; it serves no API and no dashboard.
 */
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify from "fastify";
import { handleClientError, handleError, handleNotFound } from "./api/errors.js";
import { healthRoutes } from "./api/health.js";
import { metricsPlugin } from "./api/metrics.js";
import { serverLimitOptions } from "./api/server-limits.js";
import { authPlugin } from "./auth/auth-plugin.js";
import type { ServeConfig } from "./config/config.js";
import { createIngestion } from "./ingestion.js";
import type { RunningServer } from "./serve.js";
import { createSourceAllowlist } from "./sources/source-allowlist.js";
import { openStore } from "./store/open-store.js";

export async function serveWorker(config: ServeConfig): Promise<RunningServer> {
  const store = await openStore(config);
  const app = Fastify({
    logger: false,
    ...serverLimitOptions(),
    clientErrorHandler: handleClientError,
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  // Ingestion is all this process does, so it runs here rather than in a thread of its own: the
  // health checks are cheap and nothing else competes with the pipeline for this thread.
  const ingestion = createIngestion(store, config, createSourceAllowlist(config.allowSources));
  // Guards /metrics as the API processes do (read scope) when sign-in is configured.
  await app.register(authPlugin, { store, settings: config.auth });
  await app.register(metricsPlugin, { store, ingestCounters: ingestion.counters });
  await app.register(healthRoutes, { store });
  const close = async () => {
    await app.close();
    await ingestion.close();
    await store.close();
  };
  try {
    const url = await app.listen({ host: config.host, port: config.port });
    ingestion.pipeline.start();
    return { url, close };
  } catch (error) {
    await close();
    throw error;
  }
}
