/**
 * `loupe demo manifest|log`: the demo fleet from the shell, for trying Loupe and for scripts that need
 * realistic logs. Everything is generated on demand from the seed; nothing is read from disk.
 */
import { parseArgs } from "node:util";
import {
  DEFAULT_COUNT,
  DEFAULT_SEED,
  describeDemoLog,
  generateDemoLog,
  generateDemoManifest,
} from "@loupe/demo";
import { integerOption, withUsage } from "../parse-command-args.js";
import { writeStdout } from "../stdout.js";
import { UsageError } from "../usage-error.js";

export const demoUsage = `loupe demo manifest [--count N] [--seed S] [--base-url URL]
  loupe demo log NAME [--count N] [--seed S]`;

const OPTIONS = {
  count: { type: "string" },
  seed: { type: "string" },
  "base-url": { type: "string" },
} as const;

export async function demoCommand(args: readonly string[]): Promise<void> {
  const { values, positionals } = withUsage(demoUsage, () =>
    parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true }),
  );
  const fleet = {
    count: integerOption(values.count, "count", DEFAULT_COUNT, demoUsage),
    seed: integerOption(values.seed, "seed", DEFAULT_SEED, demoUsage),
  };
  const [what, name, ...extra] = positionals;
  if (what === "manifest" && name === undefined) {
    const baseUrl = values["base-url"] ?? "http://127.0.0.1:8080/demo-bucket/";
    const manifest = generateDemoManifest({ ...fleet, baseUrl });
    await writeStdout([`${JSON.stringify(manifest, null, 1)}\n`]);
    return;
  }
  if (what === "log" && name !== undefined && extra.length === 0) {
    const spec = describeDemoLog(name, fleet);
    if (spec === undefined || spec.content === "missing") {
      throw new UsageError(`no demo log named '${name}' (the bucket answers 404 for it)`);
    }
    await writeStdout([generateDemoLog(spec)]);
    return;
  }
  throw new UsageError(`usage: ${demoUsage}`);
}
