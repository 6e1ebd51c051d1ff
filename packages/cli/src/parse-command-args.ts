/** Helpers for the commands' arguments, parsed with node:util's parseArgs. */
import { UsageError } from "./usage-error.js";

/** Runs `parse` (a parseArgs call) and reports its complaints as usage errors: one line, exit status 2. */
export function withUsage<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\nusage: ${usage}`);
  }
}

/** A non-negative integer option, or the default. */
export function integerOption(
  value: string | undefined,
  name: string,
  fallback: number,
  usage: string,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value))
    throw new UsageError(`--${name} must be a non-negative integer, got '${value}'\nusage: ${usage}`);
  return Number(value);
}
