/**
 * The people behind the demo connections: ~1 user per 5 connections, with a long tail of sessions per user
 * (the streaming team's own engineers stream all day, most customers tried once or twice).
 */
import { EMAIL_DOMAINS, FIRST_NAMES, LAST_NAMES, SPECIAL_USERNAMES, TEAM_DOMAIN } from "./names.js";
import { createRng, type Rng } from "./rng.js";

export type ClientPlatform = "windows" | "macos" | "linux";

export interface DemoUser {
  /** Rank by number of sessions, 0 = heaviest. */
  readonly rank: number;
  readonly email: string;
  /** Planted effect (b): this user's network is poor, so latency is high and problems are frequent. */
  readonly poorNetwork: boolean;
  /** The machine the user streams from most of the time. */
  readonly platform: ClientPlatform;
  readonly sessionCount: number;
}

export const CONNECTIONS_PER_USER = 5;
/** Share of users on poor networks (planted effect b). */
export const POOR_NETWORK_USER_SHARE = 0.08;
const TEAM_MEMBERS = 4;
/** Zipf–Mandelbrot `1/(rank + OFFSET)`: top user ~80 sessions of 3,000, half the users 1–2. */
const SESSION_RANK_OFFSET = 8;

export function demoUserCount(connectionCount: number): number {
  return Math.max(1, Math.round(connectionCount / CONNECTIONS_PER_USER));
}

export function generateDemoUsers(seed: number, connectionCount: number): DemoUser[] {
  const rng = createRng(seed, "users");
  const userCount = demoUserCount(connectionCount);
  const sessionCounts = allocateSessions(rng, userCount, connectionCount);
  const emails = makeEmails(rng, userCount);
  const poor = choosePoorNetworkRanks(rng, userCount);
  return sessionCounts.map((sessionCount, rank) => ({
    rank,
    email: emails[rank] as string,
    poorNetwork: poor.has(rank),
    platform: rng.weighted<ClientPlatform>([
      ["windows", 55],
      ["macos", 27],
      ["linux", 18],
    ]),
    sessionCount,
  }));
}

/** Every user has at least one session; the rest follow Zipf–Mandelbrot weights with a little noise. */
function allocateSessions(rng: Rng, userCount: number, connectionCount: number): number[] {
  const counts = new Array<number>(userCount).fill(connectionCount >= userCount ? 1 : 0);
  let remaining = connectionCount - counts.reduce((a, b) => a + b, 0);
  const weights = counts.map((_, rank) => rng.lognormal(1, 0.15) / (rank + 1 + SESSION_RANK_OFFSET));
  weights.sort((a, b) => b - a);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => (remaining * w) / totalWeight);
  shares.forEach((share, rank) => {
    counts[rank] = (counts[rank] as number) + Math.floor(share);
  });
  remaining = connectionCount - counts.reduce((a, b) => a + b, 0);
  // Largest remainders get the sessions that rounding down left over, so the total is exact.
  const byRemainder = shares.map((s, rank) => [s - Math.floor(s), rank] as const).sort((a, b) => b[0] - a[0]);
  for (let i = 0; i < remaining; i++) {
    const rank = (byRemainder[i % userCount] as readonly [number, number])[1];
    counts[rank] = (counts[rank] as number) + 1;
  }
  return counts;
}

function makeEmails(rng: Rng, userCount: number): string[] {
  const taken = new Set<string>();
  const emails: string[] = [];
  for (let rank = 0; rank < userCount; rank++) {
    let email = specialEmailAt(rank) ?? makeEmail(rng, rank < TEAM_MEMBERS ? TEAM_DOMAIN : undefined);
    while (taken.has(email.toLowerCase())) email = makeEmail(rng, undefined);
    taken.add(email.toLowerCase());
    emails.push(email);
  }
  return emails;
}

/** The addresses with LIKE wildcards sit at fixed ranks so every fleet of 50+ users has them. */
function specialEmailAt(rank: number): string | undefined {
  if (rank === 7) return SPECIAL_USERNAMES[0];
  if (rank === 41) return SPECIAL_USERNAMES[1];
  return undefined;
}

function makeEmail(rng: Rng, forcedDomain: string | undefined): string {
  const first = rng.pick(FIRST_NAMES);
  const last = rng.pick(LAST_NAMES);
  const domain = forcedDomain ?? rng.weighted(EMAIL_DOMAINS);
  const local = rng.weighted<string>([
    [`${first}.${last}`, 34],
    [`${first}${last}${rng.int(1, 99)}`, 14],
    [`${first.charAt(0)}${last}`, 15],
    [`${first}_${last}`, 9],
    [`${first}${rng.int(70, 2005)}`, 10],
    [`${last}.${first}`, 5],
    [first, 8],
    [`${first}.${last.charAt(0)}`, 5],
  ]);
  // A few people type their address capitalised; search must be case-insensitive.
  const shown = rng.chance(0.04) ? capitalise(local) : local;
  return `${shown}@${domain}`;
}

function capitalise(local: string): string {
  return local.replace(/(^|[._])([a-z])/g, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** Exactly 8 % of users, never the team members (they stream from the office). */
function choosePoorNetworkRanks(rng: Rng, userCount: number): Set<number> {
  const candidates: number[] = [];
  for (let rank = TEAM_MEMBERS; rank < userCount; rank++) candidates.push(rank);
  rng.shuffle(candidates);
  return new Set(candidates.slice(0, Math.round(userCount * POOR_NETWORK_USER_SHARE)));
}
