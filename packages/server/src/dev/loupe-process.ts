/**
 * One `loupe serve` process of a cluster (the built CLI: run `npm run build` first), on a fixed port of
 * 127.0.0.1 so that it can be killed and started again where nginx expects it. Ready once /readyz
 * answers 200: for an API process that is after the manifest import and the warm-up.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, type WriteStream } from "node:fs";
import { fileURLToPath } from "node:url";

const LOUPE_BIN = fileURLToPath(new URL("../../../cli/bin/loupe.js", import.meta.url));
/** Output kept in memory per process (the log file, when given, has all of it). */
const KEPT_OUTPUT = 256 * 1024;

export interface LoupeProcessOptions {
  /** For messages and log files: `api-1`, `worker-2`. */
  readonly name: string;
  readonly port: number;
  /** `loupe serve` arguments other than --host and --port. */
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** Appends everything the process writes to this file. */
  readonly logFile?: string;
  readonly readyTimeoutMs?: number;
  /** Another script taking `serve ARGS` instead of the built CLI (a benchmark measuring a patched build). */
  readonly entry?: string;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface LoupeProcess {
  readonly name: string;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  /** Of the current incarnation (it changes with restart()). */
  pid(): number;
  running(): boolean;
  /** The last 256 KB it wrote to stdout and stderr, over all incarnations. */
  output(): string;
  /** Sends `signal` and waits for the process to end. */
  kill(signal: NodeJS.Signals): Promise<Exit>;
  /** Starts it again with the same arguments and port; resolves once ready. */
  restart(): Promise<void>;
  /** SIGTERM, SIGKILL after 5 s. */
  stop(): Promise<void>;
}

export async function startLoupeProcess(options: LoupeProcessOptions): Promise<LoupeProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  const log: WriteStream | undefined =
    options.logFile === undefined ? undefined : createWriteStream(options.logFile, { flags: "a" });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-KEPT_OUTPUT);
    log?.write(chunk);
  };
  let child: ChildProcess;
  let exited: Promise<Exit>;

  const start = async () => {
    const serve = ["serve", ...options.args, "--host", "127.0.0.1", "--port", String(options.port)];
    child = spawn(process.execPath, [options.entry ?? LOUPE_BIN, ...serve], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, ...options.env },
    });
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    exited = once(child, "exit").then(([code, signal]) => ({ code, signal }) as Exit);
    try {
      await waitForReady(url, () => child.exitCode !== null || child.signalCode !== null, options);
    } catch (error) {
      child.kill("SIGKILL");
      await exited;
      throw new Error(`${options.name}: ${(error as Error).message}\n${output.slice(-4000)}`, {
        cause: error,
      });
    }
  };
  const running = () => child.exitCode === null && child.signalCode === null;
  const kill = async (signal: NodeJS.Signals) => {
    if (running()) child.kill(signal);
    return exited;
  };

  await start();
  return {
    name: options.name,
    url,
    port: options.port,
    pid: () => child.pid ?? -1,
    running,
    output: () => output,
    kill,
    restart: start,
    async stop() {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await kill("SIGTERM");
      clearTimeout(timer);
      log?.end();
    },
  };
}

async function waitForReady(
  url: string,
  ended: () => boolean,
  { readyTimeoutMs = 120_000 }: LoupeProcessOptions,
): Promise<void> {
  const deadline = performance.now() + readyTimeoutMs;
  for (;;) {
    if (ended()) throw new Error("exited before it was ready");
    const status = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(5_000) }).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return;
    if (performance.now() > deadline) throw new Error(`not ready after ${readyTimeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
