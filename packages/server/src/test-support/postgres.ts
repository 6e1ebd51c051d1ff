/**
 * A throwaway PostgreSQL cluster for tests on machines without one: initdb into a temp directory, start on
 * a free port (unix socket in the same directory), create a database, and remove it all afterwards.
 * initdb refuses to run as root, so as root every step runs as the `postgres` user through runuser.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export const POSTGRES_BIN_DIR = "/usr/lib/postgresql/15/bin";

export interface ThrowawayPostgres {
  /** Superuser URL of the created database: an admin URL from which tests create their own databases. */
  readonly url: string;
  /** Stops the server (fast shutdown: clients are disconnected) and keeps its data, for outage tests. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data after pause(). */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export function canStartThrowawayPostgres(binDir: string = POSTGRES_BIN_DIR): boolean {
  return existsSync(join(binDir, "initdb")) && existsSync(join(binDir, "pg_ctl"));
}

export async function startThrowawayPostgres(binDir: string = POSTGRES_BIN_DIR): Promise<ThrowawayPostgres> {
  const asRoot = process.getuid?.() === 0;
  const root = await mkdtemp(join(tmpdir(), "loupe-pg-"));
  const dataDir = join(root, "data");
  const logFile = join(root, "postgres.log");
  if (asRoot) {
    const [uid, gid] = await Promise.all([idOf("-u"), idOf("-g")]);
    await chown(root, uid, gid);
  }
  const pg = (tool: string, args: readonly string[]) => {
    const binary = join(binDir, tool);
    return asRoot
      ? run("runuser", ["-u", "postgres", "--", binary, ...args], { cwd: root })
      : run(binary, [...args], { cwd: root });
  };

  try {
    await pg("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C",
      "--no-sync",
    ]);
    const port = await freePort();
    // Durability is worthless for a test cluster; turning it off makes every commit much cheaper.
    const serverOptions = [
      `-p ${port}`,
      `-k ${root}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
      "-c max_connections=200",
    ].join(" ");
    const start = () =>
      pg("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "60", "start"]);
    await start();
    await pg("createdb", ["-h", root, "-p", String(port), "-U", "postgres", "loupe"]);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/loupe`,
      async pause() {
        await pg("pg_ctl", ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      },
      async resume() {
        await start();
      },
      async stop() {
        await pg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
        await rm(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    const log = await readFile(logFile, "utf8").catch(() => "");
    await pg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await rm(root, { recursive: true, force: true });
    throw new Error(`could not start a throwaway PostgreSQL: ${String(error)}\n${log}`, { cause: error });
  }
}

async function idOf(flag: "-u" | "-g"): Promise<number> {
  const { stdout } = await run("id", [flag, "postgres"]);
  return Number(stdout.trim());
}

/** A port nobody listens on right now (the cluster binds it a moment later). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
