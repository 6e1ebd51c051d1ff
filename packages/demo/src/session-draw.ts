/**
 * Draws one connection of the fleet: its session (who, where, which build, how long, how well) and the
 * specs of its two logs. Each connection has its own random stream, so changing how one is drawn never
 * shifts the others.
 */
import { currentVersionAt, DEMO_VERSIONS, type DemoVersion } from "./calendar.js";
import type { DemoLogSpec, DemoSession, LogSide } from "./log-spec.js";
import { hasLateError, isRegressedVersion, PLANTED } from "./planted.js";
import { sessionQuality } from "./quality.js";
import { createRng, type Rng } from "./rng.js";
import type { ClientPlatform, DemoUser } from "./users.js";

/** Old export: about 5 in 6 connections had no client log, 2 in 100 no server log. */
const CLIENT_LOG_SHARE = 0.17;
const SERVER_LOG_SHARE = 0.98;
const NULL_USERNAME_SHARE = 0.1;
const NULL_VERSION_SHARE = 0.02;
/** Median session 8 minutes; σ 0.9 puts ~1.3 % over an hour. Capped at two hours. */
const SESSION_MEDIAN_SECONDS = 480;
const SESSION_SIGMA = 0.9;
export const MAX_SESSION_SECONDS = 7200;

export interface ConnectionDraw {
  readonly session: DemoSession;
  readonly client: DemoLogSpec | null;
  readonly server: DemoLogSpec | null;
  readonly lastUpdatedMs: number;
}

export interface DrawContext {
  readonly seed: number;
  readonly serverIpPool: readonly string[];
  /** Assigns the next object number of a side (uploads are numbered in order). */
  readonly nextObjectName: (side: LogSide) => string;
}

export function drawConnection(
  ctx: DrawContext,
  connectionId: number,
  user: DemoUser,
  startMs: number,
): ConnectionDraw {
  const rng = createRng(ctx.seed, "connection", connectionId);
  const version = chooseVersion(rng, startMs);
  const clientPlatform = rng.chance(0.9)
    ? user.platform
    : rng.pick<ClientPlatform>(["windows", "macos", "linux"]);
  const softwareDecoder = rng.chance(0.06);
  const encodeRegression = isRegressedVersion(version);
  const session: DemoSession = {
    seed: ctx.seed,
    connectionId,
    userEmail: user.email,
    username: rng.chance(NULL_USERNAME_SHARE) ? null : user.email,
    serverIp: chooseServerIp(rng, ctx.serverIpPool, user),
    clientIp: chooseClientIp(rng, user),
    version,
    clientPlatform,
    startMs,
    durationSeconds: Math.round(
      Math.min(MAX_SESSION_SECONDS, Math.max(12, rng.lognormal(SESSION_MEDIAN_SECONDS, SESSION_SIGMA))),
    ),
    quality: sessionQuality(rng, { poorNetwork: user.poorNetwork, softwareDecoder, encodeRegression }),
    poorNetwork: user.poorNetwork,
    encodeRegression,
    lateEncoderError: hasLateError(version) && rng.chance(PLANTED.lateErrorSessionShare),
    softwareDecoder,
    clientCrash: rng.chance(0.012),
    serverClockSkew: rng.uniform(-0.015, 0.015),
  };
  const endMs = startMs + session.durationSeconds * 1000;
  const client = rng.chance(CLIENT_LOG_SHARE) ? clientSpec(rng, ctx, session, endMs) : null;
  const server = rng.chance(SERVER_LOG_SHARE) ? serverSpec(rng, ctx, session, endMs) : null;
  const lastLineMs = Math.max(endMs, client?.endMs ?? 0, server?.endMs ?? 0);
  const lastUpdatedMs = lastLineMs + Math.round(rng.uniform(60, 120) * 1000);
  return { session, client, server, lastUpdatedMs };
}

/** Users pick a new build up within a day or two of its release; about one in ten lag behind for weeks. */
function chooseVersion(rng: Rng, startMs: number): DemoVersion | null {
  if (rng.chance(NULL_VERSION_SHARE)) return null;
  const current = currentVersionAt(startMs);
  const hoursSinceRelease = (startMs - current.releasedMs) / 3_600_000;
  const uptake = 0.9 * (1 - Math.exp(-hoursSinceRelease / 18));
  if (current.index === 0 || rng.chance(uptake)) return current;
  const stepsBack = rng.weighted([
    [1, 75],
    [2, 18],
    [3, 7],
  ]);
  return DEMO_VERSIONS[Math.max(0, current.index - stepsBack)] ?? current;
}

/** Each user has a VM of their own most of the time; the pool is shared, so many connections share an IP. */
function chooseServerIp(rng: Rng, pool: readonly string[], user: DemoUser): string {
  const home = pool[(user.rank * 7 + 3) % pool.length] as string;
  return rng.chance(0.85) ? home : rng.pick(pool);
}

function chooseClientIp(rng: Rng, user: DemoUser): string {
  if (rng.chance(0.8)) {
    const prefix = user.rank % 2 === 0 ? "203.0.113" : "192.0.2";
    return `${prefix}.${100 + ((user.rank * 37) % 155)}`;
  }
  return `${rng.pick(["203.0.113", "192.0.2"])}.${rng.int(100, 254)}`;
}

const noFaults = {
  invalidValues: 0,
  failedFirstAttempt: false,
  waitCycles: 0,
  byteOrderMark: false,
  dottedFraction: false,
  latin1Byte: false,
  keptFraction: 1,
};

function invalidValueCount(rng: Rng): number {
  return rng.chance(0.04) ? rng.int(1, 3) : 0;
}

function clientSpec(rng: Rng, ctx: DrawContext, session: DemoSession, endMs: number): DemoLogSpec {
  const platform = session.clientPlatform;
  const failedFirstAttempt = rng.chance(0.12);
  // A failed attempt costs the user half a minute or so before the restart that works.
  const leadSeconds = failedFirstAttempt ? rng.uniform(25, 70) : rng.uniform(0.3, 1.5);
  const tailSeconds = session.clientCrash ? 0 : rng.uniform(0.3, 0.8);
  const logEndMs = endMs + Math.round(tailSeconds * 1000);
  return {
    objectName: ctx.nextObjectName("client"),
    side: "client",
    session,
    content: "log",
    platform,
    fracDigits: platform === "windows" ? 3 : 6,
    lineEnding: "\n",
    startMs: session.startMs - Math.round(leadSeconds * 1000),
    endMs: logEndMs,
    uploadedMs: logEndMs + Math.round(rng.uniform(15, 55) * 1000),
    faults: {
      ...noFaults,
      invalidValues: invalidValueCount(rng),
      failedFirstAttempt,
      byteOrderMark: platform === "windows" && rng.chance(0.05),
      dottedFraction: platform === "macos" && rng.chance(0.25),
      latin1Byte: platform === "windows" && rng.chance(0.03),
    },
  };
}

function serverSpec(rng: Rng, ctx: DrawContext, session: DemoSession, endMs: number): DemoLogSpec {
  const waitCycles = rng.weighted([
    [0, 50],
    [1, 25],
    [2, 15],
    [3, 10],
  ]);
  // Each wait for a client that never came takes ~6 s (5 s timeout, then updates and a new context).
  const leadSeconds = waitCycles * 6 + rng.uniform(2, 6);
  const tailSeconds = session.clientCrash ? rng.uniform(4, 8) : rng.uniform(0.6, 1.6);
  const logEndMs = endMs + Math.round(tailSeconds * 1000);
  return {
    objectName: ctx.nextObjectName("server"),
    side: "server",
    session,
    content: "log",
    platform: "windows",
    fracDigits: 3,
    lineEnding: "\r\n",
    startMs: session.startMs - Math.round(leadSeconds * 1000),
    endMs: logEndMs,
    uploadedMs: logEndMs + Math.round(rng.uniform(15, 55) * 1000),
    faults: { ...noFaults, invalidValues: invalidValueCount(rng), waitCycles },
  };
}
