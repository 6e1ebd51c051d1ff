/**
 * The parse worker, compiled from the current source for tests. Node 20 cannot start a TypeScript worker
 * and Vitest's transform does not reach worker threads, so tests bundle parse-worker.ts (with @loupe/core)
 * into one .mjs with esbuild, in a temporary folder, once per test file.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll } from "vitest";
import { createParsePool, type ParsePool } from "../parse-pool.js";

export interface BuiltWorker {
  readonly url: URL;
  /** Writes a worker that loads the real one and adds `extra` (a module body) beside it. */
  variant(name: string, extra: string): Promise<URL>;
  remove(): Promise<void>;
}

export async function buildParseWorker(): Promise<BuiltWorker> {
  const dir = await mkdtemp(join(tmpdir(), "loupe-parse-worker-"));
  const outfile = join(dir, "parse-worker.mjs");
  await build({
    entryPoints: [new URL("../parse-worker.ts", import.meta.url).pathname],
    outfile,
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
  });
  return {
    url: pathToFileURL(outfile),
    async variant(name, extra) {
      const file = join(dir, `${name}.mjs`);
      await writeFile(file, `import "./parse-worker.mjs";\n${extra}\n`);
      return pathToFileURL(file);
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A parse pool on the compiled worker for one test file's tests (its own Vitest hooks start and stop it);
 * read `.pool` inside the tests.
 */
export function useCompiledParsePool(size = 1): { readonly pool: ParsePool } {
  let worker: BuiltWorker | undefined;
  let pool: ParsePool | undefined;
  beforeAll(async () => {
    worker = await buildParseWorker();
    pool = createParsePool({ size, workerUrl: worker.url });
  });
  afterAll(async () => {
    await pool?.close();
    await worker?.remove();
  });
  return {
    get pool() {
      if (pool === undefined) throw new Error("the parse pool starts in beforeAll");
      return pool;
    },
  };
}
