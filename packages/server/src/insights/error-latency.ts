/**
 * Do connections with more errors have worse latency? One point per connection with a client log that
 * has latency: x = ERROR entries of both its logs, y = the client log's median latency. The coefficients
 * are computed over every such connection; the points may be a sample (fleet-error-latency.ts).
 */
import { pearson, spearman } from "@loupe/core";
import type { ErrorLatencyPoint, FleetErrorLatency, FleetLogSample } from "../store/store.js";
import { logMedian } from "./fleet-metrics.js";

export type { ErrorLatencyPoint } from "../store/store.js";

export interface ErrorLatencyInsight {
  /** Connections compared (all of them, even when `points` is a sample). */
  readonly n: number;
  /** Linear association; null when undefined (fewer than two points, or a constant axis). */
  readonly pearson: number | null;
  /** Rank association: robust to the long tail of both axes. */
  readonly spearman: number | null;
  /** Ordered by connection id. */
  readonly points: readonly ErrorLatencyPoint[];
}

export function errorLatencyInsight(data: FleetErrorLatency): ErrorLatencyInsight {
  return {
    n: data.errors.length,
    pearson: pearson(data.errors, data.latencies),
    spearman: spearman(data.errors, data.latencies),
    points: data.points,
  };
}

/** The straightforward definition from one object per sample (every point kept), for tests. */
export function errorsVersusLatency(samples: readonly FleetLogSample[]): ErrorLatencyInsight {
  const clients = new Map<number, FleetLogSample>();
  const serverErrors = new Map<number, number>();
  for (const sample of samples) {
    if (sample.side === "client") clients.set(sample.connectionId, sample);
    else serverErrors.set(sample.connectionId, (serverErrors.get(sample.connectionId) ?? 0) + sample.errors);
  }
  const points: ErrorLatencyPoint[] = [];
  for (const client of clients.values()) {
    const medianLatency = logMedian(client, "latency");
    if (medianLatency === null) continue;
    points.push({
      connectionId: client.connectionId,
      username: client.username,
      version: client.version,
      errors: client.errors + (serverErrors.get(client.connectionId) ?? 0),
      medianLatency,
    });
  }
  points.sort((a, b) => a.connectionId - b.connectionId);
  return errorLatencyInsight({
    errors: Float64Array.from(points, (point) => point.errors),
    latencies: Float64Array.from(points, (point) => point.medianLatency),
    points,
  });
}
