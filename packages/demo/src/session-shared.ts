/**
 * Facts of a session that both of its logs mention (display size, the client's ports), drawn from a
 * stream of their own so the client and server generators agree without knowing about each other.
 */
import type { DemoSession } from "./log-spec.js";
import { createRng } from "./rng.js";

const RESOLUTIONS = ["1920x1080", "2560x1440", "3200x1800", "3840x2160", "1440x900", "2880x1800"] as const;

export interface SharedFacts {
  readonly resolution: string;
  /** The client's public UDP ports (video, audio) and TCP port as the server sees them. */
  readonly clientPorts: readonly [number, number, number];
}

export function sharedFacts(session: DemoSession): SharedFacts {
  const rng = createRng(session.seed, session.connectionId, "shared");
  const udp = rng.int(49_152, 65_000);
  return {
    resolution: rng.weighted(RESOLUTIONS.map((r, i) => [r, [30, 22, 14, 10, 8, 16][i] ?? 1] as const)),
    clientPorts: [udp, udp + 1, rng.int(49_152, 65_000)],
  };
}
