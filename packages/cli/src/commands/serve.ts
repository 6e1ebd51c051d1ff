/** `loupe serve`: the dashboard, its API and background ingestion (see `loupe serve --help`). */
import { withOperatorErrors } from "../operator-errors.js";

export async function serveCommand(args: readonly string[]): Promise<void> {
  // Imported here, not at the top: `loupe analyze` must not pay for loading the server.
  const server = await import("@loupe/server");
  if (server.wantsHelp(args)) {
    process.stdout.write(server.SERVE_HELP);
    return;
  }
  const config = await withOperatorErrors(server, async () => server.parseServeConfig(args));
  const running = await withOperatorErrors(server, () => server.serve(config));
  process.stdout.write(
    config.role === "worker"
      ? `Loupe worker is ingesting; health checks and metrics at ${running.url}\n`
      : `Loupe is serving ${running.url} (${config.role === "api" ? "API and dashboard only; " : ""}${
          config.auth === undefined
            ? "open access: listening on loopback without sign-in"
            : `sign-in at ${config.auth.publicUrl}/auth/login with ${config.auth.oidc?.issuer ?? "API tokens only"}`
        })\n`,
  );
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
