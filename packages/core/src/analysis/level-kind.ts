import { isErrorLevel, isWarningLevel } from "../parser/level-table.js";
import { isProblemLevel } from "../patterns/index.js";

/** What an entry's level means to the summary: plain, or a problem whose message is grouped into patterns. */
export const LevelKind = { plain: 0, error: 1, warning: 2, otherProblem: 3 } as const;
export type LevelKind = (typeof LevelKind)[keyof typeof LevelKind];

export function levelKindOf(level: string): LevelKind {
  if (isErrorLevel(level)) return LevelKind.error;
  if (isWarningLevel(level)) return LevelKind.warning;
  if (isProblemLevel(level)) return LevelKind.otherProblem;
  return LevelKind.plain;
}
