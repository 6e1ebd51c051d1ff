/**
 * Mistakes in what the operator gave the server (a bad flag, a manifest that cannot be read) become usage
 * errors: one clear message and exit status 2, not a stack trace.
 */
import { UsageError } from "./usage-error.js";

type ServerModule = typeof import("@loupe/server");

export async function withOperatorErrors<T>(server: ServerModule, run: () => Promise<T> | T): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof server.ConfigError ||
      error instanceof server.ManifestLoadError ||
      error instanceof server.ManifestSyntaxError
    ) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}
