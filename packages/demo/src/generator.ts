// The pure part of the public API (no Node APIs): usable in workers and browsers. index.ts adds the bucket.
export { DEMO_VERSIONS, DEMO_WINDOW_END_MS, DEMO_WINDOW_START_MS, type DemoVersion } from "./calendar.js";
export { generateDemoLog, generateFullLog } from "./demo-log.js";
export type {
  DemoLogFaults,
  DemoLogSpec,
  DemoObjectContent,
  DemoSession,
  LogSide,
  SessionQuality,
} from "./log-spec.js";
export {
  type DemoConnection,
  type DemoManifestOptions,
  describeDemoLog,
  generateDemoManifest,
  listDemoLogs,
} from "./manifest.js";
export {
  DEFAULT_COUNT,
  DEFAULT_SEED,
  type DemoConnectionPlan,
  type DemoFleetOptions,
  type DemoPlan,
  getDemoPlan,
} from "./plan.js";
export { PLANTED, poorNetworkUsers } from "./planted.js";
export { createRng, hashKey, Rng, ZipfSampler } from "./rng.js";
export type { ClientPlatform, DemoUser } from "./users.js";
