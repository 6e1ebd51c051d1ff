/**
 * The `loupe` command. Each command lives in its own module; heavy ones (serve) are imported only when
 * used, so `loupe analyze` starts without loading the server.
 */

import { InputError } from "./byte-source.js";
import { analyzeCommand, analyzeUsage } from "./commands/analyze.js";
import { CommandFailure, UsageError } from "./usage-error.js";

const HELP = `Loupe: the streaming protocol's log dashboard.

usage:
  ${analyzeUsage}
  loupe serve [--manifest PATH_OR_URL] [--db PATH] [--port N] …   the dashboard (loupe serve --help)
  loupe ingest MANIFEST [--db PATH | --database-url URL] …        import and ingest, then exit
  loupe token create|list|revoke …                                API tokens (loupe token --help)
  loupe demo manifest [--count N] [--seed S] [--base-url URL]   the demo fleet's manifest, as JSON
  loupe demo log NAME [--count N] [--seed S]                     one demo log, e.g. client1696.txt
  loupe help
`;

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case "analyze":
      return analyzeCommand(rest);
    case "ingest":
      return (await import("./commands/ingest.js")).ingestCommand(rest);
    case "serve":
      return (await import("./commands/serve.js")).serveCommand(rest);
    case "token":
      return (await import("./commands/token.js")).tokenCommand(rest);
    case "demo":
      return (await import("./commands/demo.js")).demoCommand(rest);
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

// A reader that stops early (`| head`) is not an error of ours.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof InputError) {
    process.stderr.write(`loupe: ${error.message}\n`);
    process.exitCode = 2;
    return;
  }
  if (error instanceof CommandFailure) {
    process.stderr.write(`loupe: ${error.message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`loupe: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
