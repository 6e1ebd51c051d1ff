/** `loupe ingest MANIFEST [options]`: import a manifest and ingest its logs from the shell, with progress. */
import { withOperatorErrors } from "../operator-errors.js";
import { progressReporter } from "../progress-bar.js";
import { UsageError } from "../usage-error.js";

export const ingestUsage = "loupe ingest MANIFEST [--db PATH | --database-url URL] [--allow-source PREFIX] …";

export async function ingestCommand(args: readonly string[]): Promise<void> {
  const server = await import("@loupe/server");
  const [manifest, ...options] = args;
  if (manifest === undefined || manifest.startsWith("-")) {
    if (server.wantsHelp(args)) {
      process.stdout.write(`usage: ${ingestUsage}\n\nOptions as for loupe serve:\n\n${server.SERVE_HELP}`);
      return;
    }
    throw new UsageError(`expected a MANIFEST path or URL\nusage: ${ingestUsage}`);
  }
  const progress = progressReporter();
  const summary = await withOperatorErrors(server, () =>
    server.ingestManifest(server.parseServeConfig(["--manifest", manifest, ...options]), {
      log: (line) => process.stderr.write(`${line}\n`),
      progress: (s) =>
        progress.update(s.done + s.failed, s.total, `logs (${s.failed} unavailable, ${s.pending} pending)`),
    }),
  );
  progress.finish();
  const { imported, status } = summary;
  process.stdout.write(
    `${summary.connections} connections: ${imported.inserted} new, ${imported.updated} changed, ` +
      `${imported.unchanged} unchanged\n` +
      `${status.total} logs: ${status.done} done, ${status.failed} unavailable, ${status.pending} pending ` +
      `(${(summary.bytes / 1e6).toFixed(1)} MB fetched in ${summary.seconds.toFixed(1)} s)\n`,
  );
}
