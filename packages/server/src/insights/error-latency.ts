/**
 * Do connections with more errors have worse latency? One point per connection with a client log that
 * has latency: x = ERROR entries of both its logs, y = the client log's median latency.
 */
import { pearson, spearman } from "@loupe/core";
import type { FleetLogSample } from "../store/store.js";
import { logMedian } from "./fleet-metrics.js";

export interface ErrorLatencyPoint {
  readonly connectionId: number;
  readonly username: string | null;
  readonly version: string | null;
  readonly errors: number;
  /** Seconds. */
  readonly medianLatency: number;
}

export interface ErrorLatencyInsight {
  readonly n: number;
  /** Linear association; null when undefined (fewer than two points, or a constant axis). */
  readonly pearson: number | null;
  /** Rank association: robust to the long tail of both axes. */
  readonly spearman: number | null;
  /** Ordered by connection id. */
  readonly points: readonly ErrorLatencyPoint[];
}

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
  const errors = points.map((point) => point.errors);
  const latencies = points.map((point) => point.medianLatency);
  return {
    n: points.length,
    pearson: pearson(errors, latencies),
    spearman: spearman(errors, latencies),
    points,
  };
}
