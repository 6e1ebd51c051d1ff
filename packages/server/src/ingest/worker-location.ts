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
  return compiledScriptUrl(import.meta.url, "parse-worker.js");
}

/**
 * `script`, a worker's entry point beside the module at `moduleUrl`: the module's own folder once
 * compiled (dist/…), or the same folder under dist/ when the module runs from TypeScript source (src/…).
 */
export function compiledScriptUrl(moduleUrl: string, script: string): URL {
  const here = new URL(moduleUrl);
  if (!here.pathname.endsWith(".ts")) return new URL(`./${script}`, here);
  const at = here.pathname.lastIndexOf("/src/");
  const folder = here.pathname.slice(at + "/src/".length, here.pathname.lastIndexOf("/") + 1);
  return new URL(`${here.pathname.slice(0, at)}/dist/${folder}${script}`, here);
}

/** Fails at pool creation, with the fix, rather than at the first log with a module-not-found. */
export function assertWorkerExists(url: URL, what = "parse worker"): void {
  if (url.protocol !== "file:" || existsSync(fileURLToPath(url))) return;
  const hint = url.pathname.includes("/dist/")
    ? " (running from source: build it with `npx tsc -b packages/server`, or use `inline: true`)"
    : "";
  throw new Error(`${what} script not found at ${fileURLToPath(url)}${hint}`);
}
