/**
 * A PostgreSQL cluster of our own for tests, benchmarks and `npm run cluster`: initdb into a folder, start
 * on a free port of 127.0.0.1 (its unix socket in the same folder), create a database. By default the
 * folder is temporary and stop() removes it; with `keptRoot` (the benchmarks' 1,000,000-row data) the
 * cluster is created once, kept between runs, and only stopped.
 * initdb refuses to run as root, so as root every step runs as the `postgres` user through runuser.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chown, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.js";

const run = promisify(execFile);

export const POSTGRES_BIN_DIR = "/usr/lib/postgresql/15/bin";

export interface PostgresOptions {
  readonly binDir?: string;
  /** Keep the cluster in this folder between runs (initdb only when it holds none); default: a temp folder. */
  readonly keptRoot?: string;
  /** Database to create if missing (default `loupe`). */
  readonly database?: string;
  /** More `-c name=value` settings for the server. */
  readonly settings?: readonly string[];
}

export interface ThrowawayPostgres {
  /** Superuser URL of the created database: an admin URL from which tests create their own databases. */
  readonly url: string;
  /** The cluster's data folder. */
  readonly dataDir: string;
  /** The server's process id (the postmaster's: its children are the backends); NaN when stopped. */
  pid(): number;
  /** Stops the server (fast shutdown: clients are disconnected) and keeps its data, for outage tests. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data after pause(). */
  resume(): Promise<void>;
  /** Stops the server; removes the folder unless it is kept. */
  stop(): Promise<void>;
  /** The same as stop() without the removal, synchronously: for a signal handler about to exit. */
  stopNow(): void;
}

export function canStartThrowawayPostgres(binDir: string = POSTGRES_BIN_DIR): boolean {
  return existsSync(join(binDir, "initdb")) && existsSync(join(binDir, "pg_ctl"));
}

export async function startThrowawayPostgres(
  binDirOrOptions: string | PostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const options = typeof binDirOrOptions === "string" ? { binDir: binDirOrOptions } : binDirOrOptions;
  const binDir = options.binDir ?? POSTGRES_BIN_DIR;
  const database = options.database ?? "loupe";
  const asRoot = process.getuid?.() === 0;
  const kept = options.keptRoot !== undefined;
  const root = options.keptRoot ?? (await mkdtemp(join(tmpdir(), "loupe-pg-")));
  await mkdir(root, { recursive: true });
  const dataDir = join(root, "data");
  const logFile = join(root, "postgres.log");
  if (asRoot) {
    const [uid, gid] = await Promise.all([idOf("-u"), idOf("-g")]);
    await chown(root, uid, gid);
  }
  const argv = (tool: string, args: readonly string[]): [string, string[]] => {
    const binary = join(binDir, tool);
    return asRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, [...args]];
  };
  const pg = (tool: string, args: readonly string[]) => run(...argv(tool, args), { cwd: root });
  const stopArgs = ["-D", dataDir, "-m", "fast", "-w", "-t", "60", "stop"];
  const remove = () => (kept ? Promise.resolve() : rm(root, { recursive: true, force: true }));

  try {
    // A kept cluster left running by an interrupted run listens on a port nobody knows: stop it first.
    if (kept && existsSync(join(dataDir, "postmaster.pid"))) await pg("pg_ctl", stopArgs).catch(() => {});
    if (!existsSync(join(dataDir, "PG_VERSION"))) {
      await rm(dataDir, { recursive: true, force: true });
      const init = ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"];
      await pg("initdb", init);
    }
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
      ...(options.settings ?? []).map((setting) => `-c ${setting}`),
    ].join(" ");
    const start = () =>
      pg("pg_ctl", ["-D", dataDir, "-l", logFile, "-o", serverOptions, "-w", "-t", "120", "start"]);
    await start();
    const psql = ["-h", root, "-p", String(port), "-U", "postgres"];
    const exists = await pg("psql", [
      ...psql,
      "-tAc",
      `select 1 from pg_database where datname = '${database}'`,
    ]);
    if (exists.stdout.trim() !== "1") await pg("createdb", [...psql, database]);
    return {
      url: `postgresql://postgres@127.0.0.1:${port}/${database}`,
      dataDir,
      pid: () => {
        try {
          return Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
        } catch {
          return Number.NaN;
        }
      },
      pause: async () => {
        await pg("pg_ctl", stopArgs);
      },
      resume: async () => {
        await start();
      },
      async stop() {
        // A throwaway cluster's data is about to go: no need to write it out first.
        const mode = kept ? stopArgs : ["-D", dataDir, "-m", "immediate", "-w", "stop"];
        await pg("pg_ctl", mode).catch(() => undefined);
        await remove();
      },
      stopNow() {
        try {
          execFileSync(...argv("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]), {
            stdio: "ignore",
          });
        } catch {
          // already stopped
        }
      },
    };
  } catch (error) {
    const log = await readFile(logFile, "utf8").catch(() => "");
    await pg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]).catch(() => undefined);
    await remove();
    throw new Error(`could not start a PostgreSQL cluster: ${String(error)}\n${log}`, { cause: error });
  }
}

async function idOf(flag: "-u" | "-g"): Promise<number> {
  const { stdout } = await run("id", [flag, "postgres"]);
  return Number(stdout.trim());
}
