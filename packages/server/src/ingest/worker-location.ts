/**
 * Where the parse worker's script is. Compiled, it sits next to this module (dist/ingest/parse-worker.js).
 * Run from TypeScript source (Vitest), Node 20 cannot start a .ts worker (no type stripping before Node
 * 22.6, and Vitest's transform does not reach worker threads), so the compiled copy in dist/ is used:
 * build first with `npx tsc -b packages/server`. A bundler must emit parse-worker as an entry point of its
 * own and pass its URL as `workerUrl`.
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function defaultWorkerUrl(): URL {
  const here = new URL(import.meta.url);
  return here.pathname.endsWith(".ts")
    ? new URL("../../dist/ingest/parse-worker.js", here)
    : new URL("./parse-worker.js", here);
}

/** Fails at pool creation, with the fix, rather than at the first log with a module-not-found. */
export function assertWorkerExists(url: URL): void {
  if (url.protocol !== "file:" || existsSync(fileURLToPath(url))) return;
  const hint = url.pathname.includes("/dist/")
    ? " (running from source: build it with `npx tsc -b packages/server`, or use `inline: true`)"
    : "";
  throw new Error(`parse worker script not found at ${fileURLToPath(url)}${hint}`);
}
