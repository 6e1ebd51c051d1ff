/** `loupe serve`: the dashboard, its API and background ingestion (see `loupe serve --help`). */
import { UsageError } from "../usage-error.js";

export async function serveCommand(args: readonly string[]): Promise<void> {
  // Imported here, not at the top: `loupe analyze` must not pay for loading the server.
  const server = await import("@loupe/server");
  if (server.wantsHelp(args)) {
    process.stdout.write(server.SERVE_HELP);
    return;
  }
  let config: ReturnType<typeof server.parseServeConfig>;
  try {
    config = server.parseServeConfig(args);
  } catch (error) {
    if (error instanceof server.ConfigError) throw new UsageError(error.message);
    throw error;
  }
  const running = await server.serve(config);
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
