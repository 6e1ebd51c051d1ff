/**
 * nginx (Debian's package) run in the foreground from a temporary prefix, with the configuration of
 * nginx-config.ts: nothing under /etc/nginx is read or written. stop() ends it and removes the prefix.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { standaloneNginxConfig } from "./nginx-config.js";

export const NGINX_BINARY = "/usr/sbin/nginx";

export interface RunningNginx {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  /** The configuration it runs with. */
  readonly config: string;
  /** Fast shutdown, then the prefix is removed. */
  stop(): Promise<void>;
}

export const canStartNginx = (): boolean => existsSync(NGINX_BINARY);

export async function startNginx(options: {
  /** Port on 127.0.0.1; 0 or absent: a free one. */
  readonly port?: number;
  /** `host:port` of every API process. */
  readonly upstreams: readonly string[];
}): Promise<RunningNginx> {
  const port = options.port || (await freePort());
  const prefix = await mkdtemp(join(tmpdir(), "loupe-nginx-"));
  // Started as root, nginx's workers run as nobody: they must reach the temp folders it creates here.
  await chmod(prefix, 0o755);
  await mkdir(join(prefix, "temp"));
  const config = standaloneNginxConfig(prefix, { listen: `127.0.0.1:${port}`, upstreams: options.upstreams });
  const configPath = join(prefix, "nginx.conf");
  await writeFile(configPath, config);
  const child = spawn(NGINX_BINARY, ["-p", prefix, "-c", configPath], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = once(child, "exit");
  const errorLog = async () =>
    `${stderr}${await readFile(join(prefix, "error.log"), "utf8").catch(() => "")}`.trim();
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await exited;
    }
    await rm(prefix, { recursive: true, force: true });
  };
  try {
    await waitForListening(child, port);
  } catch (error) {
    const log = await errorLog();
    await stop();
    throw new Error(`nginx did not start: ${(error as Error).message}\n${log}`, { cause: error });
  }
  return { url: `http://127.0.0.1:${port}`, port, pid: child.pid ?? -1, config, stop };
}

async function waitForListening(child: ChildProcess, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error("it exited");
    if (await accepts(port)) return;
    if (performance.now() > deadline) throw new Error(`nothing listens on ${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
