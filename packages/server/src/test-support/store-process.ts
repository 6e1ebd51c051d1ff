/**
 * Runs store work in separate Node processes, as several `loupe` processes sharing one database would.
 * (Inside one process, SQLite stores share a connection, so only real processes exercise its locking.)
 * The entry is bundled with esbuild next to node_modules so its packages resolve as usual.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import type { StoreOptions } from "../store/kysely/create-store.js";

const run = promisify(execFile);

export interface StoreProcessTask {
  readonly options: StoreOptions;
  /** "migrate": migrate only. "drain": migrate, then claim and complete until nothing is due. */
  readonly action: "migrate" | "drain";
  readonly workerId: string;
  readonly now: number;
}

export interface StoreProcessResult {
  readonly claimed: readonly number[];
  /** completeLog calls that returned false. */
  readonly lostLeases: number;
}

export interface StoreProcessRunner {
  run(task: StoreProcessTask): Promise<StoreProcessResult>;
  dispose(): Promise<void>;
}

export async function storeProcessRunner(): Promise<StoreProcessRunner> {
  const directory = fileURLToPath(
    new URL("../../../../node_modules/.cache/loupe-server-tests/", import.meta.url),
  );
  await mkdir(directory, { recursive: true });
  const script = `${directory}store-process-${randomBytes(6).toString("hex")}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL("./store-process-main.ts", import.meta.url))],
    outfile: script,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "silent",
  });
  return {
    async run(task) {
      const { stdout } = await run(process.execPath, [script, JSON.stringify(task)], { timeout: 60_000 });
      return JSON.parse(stdout) as StoreProcessResult;
    },
    dispose: () => rm(script, { force: true }),
  };
}
