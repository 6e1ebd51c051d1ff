/**
 * The levels at which the protocol says something went wrong. The error-pattern views count only these:
 * INFO and DEBUG entries are routine and vastly more numerous (a latency line every half second, memory
 * statistics every few milliseconds), so counting them would bury the problems under status lines and
 * spend most of the parsing time masking messages nobody looks for. Exact, case-sensitive names: the log
 * grammar writes levels as upper-case words.
 */
const PROBLEM_LEVELS: ReadonlySet<string> = new Set(["ERROR", "FATAL_ERROR", "WARNING"]);

export function isProblemLevel(level: string): boolean {
  return PROBLEM_LEVELS.has(level);
}
