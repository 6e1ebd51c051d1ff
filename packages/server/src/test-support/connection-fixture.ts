/** Manifest rows for tests: a plausible connection with the fields a test cares about overridden. */
import type { ConnectionInput } from "../store/store.js";

/** 2020-06-30T21:02:00Z, a `last_updated` from the real export. */
export const BASE_TIME = Date.UTC(2020, 5, 30, 21, 2);

export function connectionInput(
  connectionId: number,
  overrides: Partial<ConnectionInput> = {},
): ConnectionInput {
  return {
    connectionId,
    username: `user${connectionId}@example.com`,
    ip: "52.237.153.167",
    version: "1A32D5BE58D317FF",
    lastUpdated: BASE_TIME + connectionId * 60_000,
    clientUrl: `https://bucket.example/client${connectionId}.txt`,
    serverUrl: `https://bucket.example/server${connectionId}.txt`,
    ...overrides,
  };
}
