/**
 * The effects deliberately planted in the demo fleet, named so that tests can assert that Loupe's fleet
 * insights find them. The versions are fixed for every seed; the poor-network users depend on the seed.
 */
import { DEMO_VERSIONS, type DemoVersion } from "./calendar.js";
import { generateDemoUsers, POOR_NETWORK_USER_SHARE } from "./users.js";

const versionAt = (index: number): DemoVersion => {
  const version = DEMO_VERSIONS[index];
  if (version === undefined) throw new RangeError(`no demo version ${index}`);
  return version;
};

/** (a) The 6th of 10 builds encodes 1.6× slower than the 5th; the 7th fixes it. */
const REGRESSED_VERSION = versionAt(5);
/** (c) Appears in server logs from the 9th build on, never before. */
const LATE_ERROR_FIRST_VERSION = versionAt(8);

export const PLANTED = {
  /** (a) Build whose server `Average Encode Time` median is ×`encodeTimeFactor` that of the build before. */
  regressedVersion: REGRESSED_VERSION.id,
  /** (a) The build before the regression (normal encode time). */
  regressionBaselineVersion: versionAt(4).id,
  /** (a) The build that fixed it (normal encode time again). */
  regressionFixedVersion: versionAt(6).id,
  /** (a) Per-session median encode time is multiplied by this on the regressed build. */
  encodeTimeFactor: 1.6,
  /** (b) Share of users on poor networks. */
  poorNetworkUserShare: POOR_NETWORK_USER_SHARE,
  /** (b) Their median latency is multiplied by a factor drawn uniformly from this range… */
  poorNetworkLatencyFactor: [3.5, 6] as const,
  /** (b) …and their WARNING/ERROR rates by one drawn from this range (typical users: lognormal around 1). */
  poorNetworkProblemFactor: [4, 7] as const,
  /** (c) The new ERROR's message as the logger's format string. */
  lateErrorTemplate: "Failed to allocate hardware encoder session %d",
  /** (c) The same with the number masked as the core's maskMessage does (checked by analyze.test.ts). */
  lateErrorPattern: "Failed to allocate hardware encoder session <num>",
  lateErrorLevel: "ERROR",
  /** (c) First build whose server logs contain it; every later build may too, no earlier one does. */
  lateErrorFirstVersion: LATE_ERROR_FIRST_VERSION.id,
  /** (c) Share of sessions on those builds whose server log contains it (1–4 times). */
  lateErrorSessionShare: 0.35,
} as const;

export function isRegressedVersion(version: DemoVersion | null): boolean {
  return version?.index === REGRESSED_VERSION.index;
}

export function hasLateError(version: DemoVersion | null): boolean {
  return version !== null && version.index >= LATE_ERROR_FIRST_VERSION.index;
}

/** (b) The users on poor networks for a fleet, sorted (their connections may show a null username). */
export function poorNetworkUsers(seed = 1, count = 3000): string[] {
  return generateDemoUsers(seed, count)
    .filter((u) => u.poorNetwork)
    .map((u) => u.email)
    .sort();
}
