/**
 * `loupe serve` as a child process, exactly as an operator starts it (the built CLI: run `npm run build`
 * first). Resolves once it prints the URL it serves on, which it does after importing the manifest and
 * starting ingestion.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import type { StoreOptions } from "../store/kysely/create-store.js";
import type { IngestStatus } from "../store/store.js";

const LOUPE_BIN = fileURLToPath(new URL("../../../cli/bin/loupe.js", import.meta.url));

export interface ServeProcess {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and waits for the process to end. */
  stop(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Fails fast when the built CLI predates what a test relies on (a stale build would otherwise ignore, say,
 * LOUPE_LEASE_MS and make the test wait for a 10-minute lease).
 */
export function assertBuiltServeKnows(text: string): void {
  const help = spawnSync(process.execPath, [LOUPE_BIN, "serve", "--help"], { encoding: "utf8" });
  if (!help.stdout.includes(text)) {
    throw new Error(`the built CLI does not know ${text}: run \`npm run build\` first\n${help.stderr}`);
  }
}

export async function startServe(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  timeoutMs = 60_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [LOUPE_BIN, "serve", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, "exit").then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const url = await servingUrl(child, () => output, exited, timeoutMs);
  return {
    url,
    pid: child.pid ?? -1,
    output: () => output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function servingUrl(
  child: ChildProcess,
  output: () => string,
  exited: Promise<unknown>,
  timeoutMs: number,
): Promise<string> {
  const deadline = performance.now() + timeoutMs;
  let ended = false;
  void exited.then(() => {
    ended = true;
  });
  for (;;) {
    // `--role worker` prints where its health checks are instead.
    const match =
      /Loupe (?:is serving|worker is ingesting; health checks and metrics at) (http:\/\/[^\s]+)/.exec(
        output(),
      );
    if (match?.[1] !== undefined) return match[1];
    if (ended) throw new Error(`loupe serve exited before serving:\n${output()}`);
    if (performance.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`loupe serve did not start within ${timeoutMs} ms:\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The flags that point `loupe serve` at a test database. */
export function databaseArgs(options: StoreOptions): string[] {
  return "sqlitePath" in options ? ["--db", options.sqlitePath] : ["--database-url", options.databaseUrl];
}

/** Polls a serving process's /api/ingest/status until `done` holds. */
export async function waitForStatus(
  serverUrl: string,
  done: (status: IngestStatus) => boolean,
  timeoutMs = 60_000,
): Promise<IngestStatus> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const status = (await (await fetch(`${serverUrl}/api/ingest/status`)).json()) as IngestStatus;
    if (done(status)) return status;
    if (performance.now() > deadline) throw new Error(`ingest status still ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
