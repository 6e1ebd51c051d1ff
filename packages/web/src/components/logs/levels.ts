/** The level chips: which levels a log has, in the order people read severity, with their counts. */

const SEVERITY = ["FATAL_ERROR", "ERROR", "WARNING", "INFO", "DEBUG"];

export interface LevelCount {
  readonly level: string;
  readonly count: number;
}

/** Levels present in any of the given logs (their counts summed), most severe first, unknown ones last. */
export function levelsPresent(logs: readonly (Readonly<Record<string, number>> | null)[]): LevelCount[] {
  const counts = new Map<string, number>();
  for (const levels of logs) {
    if (!levels) continue;
    for (const [level, count] of Object.entries(levels)) {
      if (count > 0) counts.set(level, (counts.get(level) ?? 0) + count);
    }
  }
  const rank = (level: string) => {
    const known = SEVERITY.indexOf(level);
    return known === -1 ? SEVERITY.length : known;
  };
  return [...counts]
    .map(([level, count]) => ({ level, count }))
    .sort((a, b) => rank(a.level) - rank(b.level) || a.level.localeCompare(b.level));
}

/** The levels to ask for: the chosen ones that this view has, in chip order (empty: every level). */
export function effectiveLevels(chosen: ReadonlySet<string>, present: readonly LevelCount[]): string[] {
  return present.filter((p) => chosen.has(p.level)).map((p) => p.level);
}

/** ERROR-like levels tint their rows red, WARNING amber. */
export function levelTone(level: string): "error" | "warning" | undefined {
  if (level === "ERROR" || level === "FATAL_ERROR") return "error";
  if (level === "WARNING") return "warning";
  return undefined;
}
