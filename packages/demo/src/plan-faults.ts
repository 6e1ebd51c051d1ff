/**
 * The object-level faults production has: URLs whose object is gone (404), objects that are empty or not
 * a log at all, uploads cut short, and two connections pointing at the same log. Chosen after the fleet is
 * drawn so their number is exact, whatever the random draws of the connections.
 */
import type { DemoLogSpec, DemoObjectContent } from "./log-spec.js";
import type { DemoConnectionPlan } from "./plan.js";
import type { Rng } from "./rng.js";
import type { ConnectionDraw } from "./session-draw.js";

/** About 1 in 100 URLs answers 404. */
const MISSING_OBJECT_SHARE = 0.01;

export interface FaultedFleet {
  readonly connections: DemoConnectionPlan[];
  readonly logs: Map<string, DemoLogSpec>;
}

export function applyObjectFaults(rng: Rng, draws: readonly ConnectionDraw[]): FaultedFleet {
  const logs = new Map<string, DemoLogSpec>();
  for (const d of draws) {
    if (d.client) logs.set(d.client.objectName, d.client);
    if (d.server) logs.set(d.server.objectName, d.server);
  }
  const connections: DemoConnectionPlan[] = draws.map((d) => ({
    session: d.session,
    clientObject: d.client?.objectName ?? null,
    serverObject: d.server?.objectName ?? null,
    lastUpdatedMs: d.lastUpdatedMs,
  }));
  const shared = shareOneServerLog(rng, connections, logs);

  const clientNames = [...logs.values()].filter((s) => s.side === "client").map((s) => s.objectName);
  const serverNames = [...logs.values()].filter((s) => s.side === "server").map((s) => s.objectName);
  const untouched = new Set(logs.keys());
  // The shared object stays a plain log, so both rows show the same healthy data.
  if (shared !== null) untouched.delete(shared);
  const mark = (names: readonly string[], n: number, content: DemoObjectContent): void => {
    for (const name of takeDistinct(rng, names, n, untouched)) {
      const spec = logs.get(name) as DemoLogSpec;
      const keptFraction = content === "truncated" ? rng.uniform(0.3, 0.9) : 1;
      logs.set(name, { ...spec, content, faults: { ...spec.faults, keptFraction } });
    }
  };
  mark(clientNames, 1, "empty");
  mark(serverNames, 1, "empty");
  mark(serverNames, 1, "html");
  mark(clientNames, 1, "binary");
  mark(clientNames, 1, "truncated");
  mark(serverNames, 1, "truncated");
  mark([...clientNames, ...serverNames], Math.round(logs.size * MISSING_OBJECT_SHARE), "missing");
  return { connections, logs };
}

/**
 * A quick reconnect of the same user was recorded with the previous connection's server log URL (the
 * backend reused it), so two rows of the manifest name one object. The later connection's own log is lost.
 */
function shareOneServerLog(
  rng: Rng,
  connections: DemoConnectionPlan[],
  logs: Map<string, DemoLogSpec>,
): string | null {
  if (connections.length < 2) return null;
  const lastSeenByUser = new Map<string, number>();
  const pairs: [number, number][] = [];
  connections.forEach((c, i) => {
    if (c.serverObject === null) return;
    const earlier = lastSeenByUser.get(c.session.userEmail);
    if (earlier !== undefined) pairs.push([earlier, i]);
    lastSeenByUser.set(c.session.userEmail, i);
  });
  if (pairs.length === 0) return null;
  const [earlier, later] = rng.pick(pairs);
  const source = connections[earlier] as DemoConnectionPlan;
  const target = connections[later] as DemoConnectionPlan;
  if (target.serverObject !== null) logs.delete(target.serverObject);
  connections[later] = { ...target, serverObject: source.serverObject };
  return source.serverObject;
}

/** Up to n names not yet used by another fault, at random. */
function takeDistinct(rng: Rng, names: readonly string[], n: number, untouched: Set<string>): string[] {
  const candidates = rng.shuffle(names.filter((name) => untouched.has(name)));
  const taken = candidates.slice(0, n);
  for (const name of taken) untouched.delete(name);
  return taken;
}
