/**
 * When the demo fleet lives: six weeks of connections in mid-2020 (the era of the real logs and of the old
 * export), and the protocol builds released during them. Fixed for every seed so the planted effects can be
 * named by version without generating anything.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Monday 18 May 2020, 00:00 UTC. */
export const DEMO_WINDOW_START_MS = Date.UTC(2020, 4, 18);
/** Tuesday 30 June 2020, 22:00 UTC: the last sessions end and upload shortly before the export. */
export const DEMO_WINDOW_END_MS = Date.UTC(2020, 5, 30, 22);

export interface DemoVersion {
  /** Position in release order, 0 = oldest. */
  readonly index: number;
  /** As the backend exports it: 16 upper-case hex digits, or a short git hash, a dash and 8 hex digits. */
  readonly id: string;
  readonly releasedMs: number;
}

const releaseAt = (day: number, hour: number): number => DEMO_WINDOW_START_MS + day * DAY_MS + hour * HOUR_MS;

/** Ten builds over six weeks, roughly two a week, released in the US afternoon. */
export const DEMO_VERSIONS: readonly DemoVersion[] = [
  { index: 0, id: "1A32D5BE58D317FF", releasedMs: releaseAt(-4, 19) },
  { index: 1, id: "9F04C3E1B27A6D50", releasedMs: releaseAt(1, 20) },
  { index: 2, id: "e2cd777-1B1D1F08", releasedMs: releaseAt(6, 18) },
  { index: 3, id: "4B8E21F0C9D3A7E6", releasedMs: releaseAt(10, 21) },
  { index: 4, id: "a91f3c0-7E2B9D44", releasedMs: releaseAt(15, 19) },
  { index: 5, id: "5d07be2-C3A1F098", releasedMs: releaseAt(19, 22) },
  { index: 6, id: "0F6A2C9E81B4D375", releasedMs: releaseAt(24, 17) },
  { index: 7, id: "3be9a41-92D4E6B1", releasedMs: releaseAt(28, 20) },
  { index: 8, id: "c47d0e5-5A8F3C27", releasedMs: releaseAt(33, 19) },
  { index: 9, id: "8E1D5B7A40C2F964", releasedMs: releaseAt(37, 21) },
];

/** Newest build released at or before `timeMs` (the first one if none was). */
export function currentVersionAt(timeMs: number): DemoVersion {
  let current = DEMO_VERSIONS[0] as DemoVersion;
  for (const version of DEMO_VERSIONS) if (version.releasedMs <= timeMs) current = version;
  return current;
}

/**
 * Relative number of sessions starting at a moment: most users are in the Americas, so the peak is the US
 * evening (around 01:00 UTC) and the trough the US early morning; weekends are busier, and the product grows
 * over the six weeks. The evening peak sits across midnight UTC, so many sessions cross it.
 */
export function sessionIntensity(timeMs: number): number {
  const hourUtc = ((timeMs % DAY_MS) / HOUR_MS + 24) % 24;
  const diurnal = 0.55 + 0.45 * Math.cos(((hourUtc - 1) / 24) * 2 * Math.PI);
  const weekday = new Date(timeMs).getUTCDay();
  const weekly = weekday === 0 || weekday === 6 ? 1.25 : 1;
  const growth = 0.75 + (0.5 * (timeMs - DEMO_WINDOW_START_MS)) / (DEMO_WINDOW_END_MS - DEMO_WINDOW_START_MS);
  return diurnal * weekly * growth;
}

/** Upper bound of sessionIntensity, for rejection sampling. */
export const MAX_SESSION_INTENSITY = 1 * 1.25 * 1.25;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** `MM/DD/YYYY, HH:MM` in UTC, as the backend exports `last_updated`. */
export function formatLastUpdated(timeMs: number): string {
  const d = new Date(timeMs);
  return `${pad2(d.getUTCMonth() + 1)}/${pad2(d.getUTCDate())}/${d.getUTCFullYear()}, ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
}

/** Start of the UTC day holding `timeMs`: log timestamps are seconds since then. */
export function utcDayStartMs(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS) * DAY_MS;
}
