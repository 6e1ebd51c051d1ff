/**
 * The demo manifest, shaped exactly like the streaming backend's export (see log-format.md,
 * "Connections"): newest first, `last_updated` as `MM/DD/YYYY, HH:MM` UTC, URLs or null.
 */
import { formatLastUpdated } from "./calendar.js";
import type { DemoLogSpec } from "./log-spec.js";
import { type DemoFleetOptions, getDemoPlan } from "./plan.js";

export interface DemoConnection {
  readonly connection_id: number;
  readonly username: string | null;
  readonly ip: string;
  readonly last_updated: string;
  readonly version: string | null;
  readonly client_logs: string | null;
  readonly server_logs: string | null;
}

export interface DemoManifestOptions extends DemoFleetOptions {
  /** Where the bucket serves the objects, e.g. `http://127.0.0.1:8080/demo-bucket/`. */
  readonly baseUrl: string;
}

export function generateDemoManifest(options: DemoManifestOptions): DemoConnection[] {
  const plan = getDemoPlan(options);
  const base = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  const url = (objectName: string | null): string | null =>
    objectName === null ? null : `${base}${encodeURIComponent(objectName)}`;
  const rows = plan.connections.map(
    (c): DemoConnection => ({
      connection_id: c.session.connectionId,
      username: c.session.username,
      ip: c.session.serverIp,
      last_updated: formatLastUpdated(c.lastUpdatedMs),
      version: c.session.version?.id ?? null,
      client_logs: url(c.clientObject),
      server_logs: url(c.serverObject),
    }),
  );
  // Newest first like the export; ties (same minute) by descending id.
  const order = plan.connections.map((c, i) => [c.lastUpdatedMs, c.session.connectionId, i] as const);
  order.sort((a, b) => b[0] - a[0] || b[1] - a[1]);
  return order.map(([, , i]) => rows[i] as DemoConnection);
}

/**
 * The spec of one object of the demo bucket by name (`client19772.txt`), or undefined when the manifest
 * never mentions it. Objects the manifest names but the bucket lacks come back with content "missing".
 */
export function describeDemoLog(objectName: string, options: DemoFleetOptions = {}): DemoLogSpec | undefined {
  return getDemoPlan(options).logs.get(objectName);
}

/** Every object the manifest names, in no particular order. */
export function listDemoLogs(options: DemoFleetOptions = {}): DemoLogSpec[] {
  return [...getDemoPlan(options).logs.values()];
}
