/** `loupe serve`: the dashboard, its API and background ingestion (see `loupe serve --help`). */
import { withOperatorErrors } from "../operator-errors.js";

export async function serveCommand(args: readonly string[]): Promise<void> {
  // Imported here, not at the top: `loupe analyze` must not pay for loading the server.
  const server = await import("@loupe/server");
  if (server.wantsHelp(args)) {
    process.stdout.write(server.SERVE_HELP);
    return;
  }
  const running = await withOperatorErrors(server, () => server.serve(server.parseServeConfig(args)));
  process.stdout.write(
    `Loupe is serving ${running.url} (open access: listening on loopback without sign-in)\n`,
  );
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
