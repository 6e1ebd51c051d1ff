/**
 * Prometheus metrics at /metrics: request durations by route and status, the ingest pipeline's counters,
 * log counts by state, and the process's own metrics. One registry per app (not prom-client's global one),
 * so several apps in one process (tests) do not collide.
 */
import fp from "fastify-plugin";
import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Store } from "../store/store.js";
import { NOT_RATE_LIMITED } from "./rate-limit.js";

export interface MetricsOptions {
  readonly store: Pick<Store, "ingestStatus">;
  readonly ingestCounters?: () => Record<string, number>;
}

export const metricsPlugin = fp<MetricsOptions>(
  async (app, options) => {
    const registry = new Registry();
    // The event-loop lag histogram samples every 100 ms, not prom-client's 10: its timer woke an idle
    // process 100 times a second (2 ms of CPU a second) and cost a busy one ~7% more CPU per request
    // (docs/benchmarks.md). A stall of 100 ms or more is always seen; a shorter one as often as a sample
    // falls due during it.
    collectDefaultMetrics({ register: registry, prefix: "loupe_", eventLoopMonitoringPrecision: 100 });
    const duration = new Histogram({
      name: "loupe_http_request_duration_seconds",
      help: "HTTP request duration by route template and status",
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    registerIngestGauges(registry, options);

    app.addHook("onResponse", async (request, reply) => {
      // The route template, never the raw URL: ids and junk paths must not mint new time series.
      const route = request.routeOptions.url ?? "(unmatched)";
      duration.observe(
        { method: request.method, route, status_code: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });

    app.get(
      "/metrics",
      {
        // Scraped by the operator's monitoring, which must not be locked out by a busy client.
        config: NOT_RATE_LIMITED,
        schema: { tags: ["health"], summary: "Prometheus metrics (text format)" },
      },
      async (_request, reply) => {
        const text = await registry.metrics();
        return reply.header("cache-control", "no-store").type(registry.contentType).send(text);
      },
    );
  },
  { name: "loupe-metrics" },
);

function registerIngestGauges(registry: Registry, options: MetricsOptions): void {
  const counters = options.ingestCounters;
  if (counters !== undefined) {
    new Gauge({
      name: "loupe_ingest_events",
      help: "Ingest pipeline counters (fetched, parsed, retried, ...), by name",
      labelNames: ["name"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [name, value] of Object.entries(counters())) {
          if (Number.isFinite(value)) this.set({ name }, value);
        }
      },
    });
  }
  new Gauge({
    name: "loupe_logs",
    help: "Logs by ingest state",
    labelNames: ["state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const status = await options.store.ingestStatus();
        for (const state of ["total", "done", "pending", "failed"] as const)
          this.set({ state }, status[state]);
      } catch {
        // A database that does not answer leaves the gauge empty; /readyz reports that.
      }
    },
  });
}
