/** The fleet's most frequent error patterns, as the API shows them (times as ISO 8601 UTC). */
import type { FleetPattern } from "../store/store.js";
import { isoTime } from "./iso-time.js";

export interface PatternInsight {
  readonly id: string;
  readonly level: string;
  readonly template: string;
  readonly example: string;
  readonly count: number;
  readonly logs: number;
  readonly connections: number;
  readonly users: number;
  readonly versions: readonly string[];
  readonly firstSeen: string | null;
  readonly lastSeen: string | null;
  readonly firstVersion: string | null;
}

export function toPatternInsight(pattern: FleetPattern): PatternInsight {
  return {
    id: pattern.patternId,
    level: pattern.level,
    template: pattern.template,
    example: pattern.example,
    count: pattern.count,
    logs: pattern.logs,
    connections: pattern.connections,
    users: pattern.users,
    versions: pattern.versions,
    firstSeen: isoTime(pattern.firstSeen),
    lastSeen: isoTime(pattern.lastSeen),
    firstVersion: pattern.firstVersion,
  };
}
