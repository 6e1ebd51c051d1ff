/**
 * The `loupe` command. Each command lives in its own module; heavy ones (serve) are imported only when
 * used, so `loupe analyze` starts without loading the server.
 */

import { InputError } from "./byte-source.js";
import { analyzeCommand, analyzeUsage } from "./commands/analyze.js";
import { UsageError } from "./usage-error.js";

const HELP = `Loupe: the streaming protocol's log dashboard.

usage:
  ${analyzeUsage}
  loupe demo manifest [--count N] [--seed S] [--base-url URL]   print the demo manifest as JSON
  loupe demo log NAME [--count N] [--seed S]                     print one demo log (e.g. client19772.txt)
  loupe help
`;

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "analyze":
      return analyzeCommand(rest);
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(HELP);
      return;
    default:
      throw new UsageError(`unknown command '${command}'; run 'loupe help'`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof InputError) {
    process.stderr.write(`loupe: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(`loupe: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
