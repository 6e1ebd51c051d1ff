/**
 * The whole demo fleet for a (seed, count): every connection, its session and its log objects, oldest
 * first. Cheap (no log content is generated) and memoised, so the manifest and the bucket can share it.
 */
import {
  DEMO_WINDOW_END_MS,
  DEMO_WINDOW_START_MS,
  MAX_SESSION_INTENSITY,
  sessionIntensity,
} from "./calendar.js";
import type { DemoLogSpec, DemoSession, LogSide } from "./log-spec.js";
import { applyObjectFaults } from "./plan-faults.js";
import { createRng, type Rng } from "./rng.js";
import { type ConnectionDraw, drawConnection, MAX_SESSION_SECONDS } from "./session-draw.js";
import { type DemoUser, generateDemoUsers } from "./users.js";

export interface DemoConnectionPlan {
  readonly session: DemoSession;
  /** Object names, null when no log was uploaded; may name another connection's object (shared URL). */
  readonly clientObject: string | null;
  readonly serverObject: string | null;
  readonly lastUpdatedMs: number;
}

export interface DemoPlan {
  readonly seed: number;
  readonly count: number;
  readonly users: readonly DemoUser[];
  /** Oldest first. */
  readonly connections: readonly DemoConnectionPlan[];
  /** Every object name the manifest mentions, including those that do not exist (content "missing"). */
  readonly logs: ReadonlyMap<string, DemoLogSpec>;
}

export interface DemoFleetOptions {
  readonly seed?: number;
  readonly count?: number;
}

export const DEFAULT_SEED = 1;
export const DEFAULT_COUNT = 3000;
const SERVER_POOL_SIZE = 40;

export function buildDemoPlan(seed: number, count: number): DemoPlan {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a whole number, not ${count}`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, not ${seed}`);
  const users = generateDemoUsers(seed, count);
  const starts = drawStartTimes(createRng(seed, "arrivals"), count);
  const owners = assignUsers(createRng(seed, "owners"), users);
  const idRng = createRng(seed, "connection-ids");
  const counters = {
    client: 1400 + idRng.int(0, 300),
    server: 48_000 + idRng.int(0, 900),
  };
  const ctx = {
    seed,
    serverIpPool: serverIpPool(createRng(seed, "server-ips")),
    nextObjectName: (side: LogSide): string => {
      // Upload numbers grow with gaps: other products' uploads share the counter.
      counters[side] += side === "client" ? idRng.int(1, 12) : idRng.int(1, 3);
      return `${side}${counters[side]}.txt`;
    },
  };
  const draws: ConnectionDraw[] = [];
  let connectionId = 20_000 + idRng.int(0, 400);
  starts.forEach((startMs, i) => {
    draws.push(drawConnection(ctx, connectionId, owners[i] as DemoUser, startMs));
    // Ids grow with time; aborted attempts and other environments leave gaps.
    connectionId += idRng.chance(0.75) ? 1 : idRng.int(2, 6);
  });
  const { connections, logs } = applyObjectFaults(createRng(seed, "object-faults"), draws);
  return { seed, count, users, connections, logs };
}

/** Session starts over the six weeks, following the daily and weekly rhythm (rejection sampling). */
function drawStartTimes(rng: Rng, count: number): number[] {
  const latestStart = DEMO_WINDOW_END_MS - (MAX_SESSION_SECONDS + 600) * 1000;
  const starts: number[] = [];
  while (starts.length < count) {
    const t = Math.round(rng.uniform(DEMO_WINDOW_START_MS, latestStart));
    if (rng.next() * MAX_SESSION_INTENSITY < sessionIntensity(t)) starts.push(t);
  }
  return starts.sort((a, b) => a - b);
}

/** Each user appears as often as their session count, in random order over the weeks. */
function assignUsers(rng: Rng, users: readonly DemoUser[]): DemoUser[] {
  const owners: DemoUser[] = [];
  for (const user of users) for (let i = 0; i < user.sessionCount; i++) owners.push(user);
  return rng.shuffle(owners);
}

/** ~40 VMs in the documentation ranges (RFC 5737), spread over the three. */
function serverIpPool(rng: Rng): string[] {
  const prefixes = ["198.51.100", "203.0.113", "192.0.2"] as const;
  const pool = new Set<string>();
  while (pool.size < SERVER_POOL_SIZE) pool.add(`${prefixes[pool.size % 3]}.${rng.int(2, 99)}`);
  return [...pool];
}

const planCache = new Map<string, DemoPlan>();
const PLAN_CACHE_SIZE = 4;

/** buildDemoPlan, memoised for the few fleets a process uses. */
export function getDemoPlan(options: DemoFleetOptions = {}): DemoPlan {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.count ?? DEFAULT_COUNT;
  const key = `${seed}/${count}`;
  const cached = planCache.get(key);
  if (cached !== undefined) return cached;
  const plan = buildDemoPlan(seed, count);
  if (planCache.size >= PLAN_CACHE_SIZE) {
    const oldest = planCache.keys().next().value;
    if (oldest !== undefined) planCache.delete(oldest);
  }
  planCache.set(key, plan);
  return plan;
}
