/**
 * The tested production topology on loopback: nginx in front of API processes (`loupe serve --role
 * api`, the first one importing the manifest), plus ingestion workers (`--role worker`), all on one
 * PostgreSQL (a throwaway cluster unless a URL is given). Used by `npm run cluster`, the cluster
 * acceptance test and the benchmarks; stop() ends everything it started and removes its folders.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port.js";
import { type LoupeProcess, startLoupeProcess } from "./loupe-process.js";
import { type RunningNginx, startNginx } from "./nginx.js";
import { startThrowawayPostgres, type ThrowawayPostgres } from "./postgres.js";

export interface ClusterOptions {
  /** PostgreSQL to share; default: a throwaway cluster started here and removed by stop(). */
  readonly databaseUrl?: string;
  /** Manifest the first API process imports (path or URL); none: it serves what the database holds. */
  readonly manifest?: string;
  /** URL prefixes logs are fetched from (workers, and the API processes' raw-log viewer). */
  readonly allowSources: readonly string[];
  /** API processes behind nginx (default 2). */
  readonly apis?: number;
  /** Ingestion workers (default 2). */
  readonly workers?: number;
  /** nginx's port on 127.0.0.1; default: a free one. */
  readonly port?: number;
  /** Environment of every `loupe serve` process (e.g. LOUPE_LEASE_MS). */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * On SIGINT or SIGTERM, stop everything and exit (for scripts: PostgreSQL runs in a session of its own
   * and would outlive a Ctrl-C that ends the rest).
   */
  readonly stopOnSignal?: boolean;
}

export interface Cluster {
  /** nginx: `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly databaseUrl: string;
  /** The throwaway cluster, when this started one. */
  readonly postgres: ThrowawayPostgres | undefined;
  readonly nginx: RunningNginx;
  readonly apis: readonly LoupeProcess[];
  readonly workers: readonly LoupeProcess[];
  /** Where every process's output is written (`api-1.log`, …); removed by stop(). */
  readonly logDir: string;
  stop(): Promise<void>;
}

/**
 * nginx on this host is the API processes' only client: its X-Forwarded-For names the real one, so rate
 * limits count people, not the proxy.
 */
const API_ARGS = ["--role", "api", "--trust-proxy", "127.0.0.1"];

export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const logDir = await mkdtemp(join(tmpdir(), "loupe-cluster-"));
  const postgres: ThrowawayPostgres | undefined =
    options.databaseUrl === undefined ? await startThrowawayPostgres() : undefined;
  const databaseUrl = options.databaseUrl ?? (postgres as ThrowawayPostgres).url;
  const started: LoupeProcess[] = [];
  let nginx: RunningNginx | undefined;
  const common = [
    "--database-url",
    databaseUrl,
    ...options.allowSources.flatMap((s) => ["--allow-source", s]),
  ];
  const start = async (name: string, args: readonly string[]) => {
    const child = await startLoupeProcess({
      name,
      port: await freePort(),
      args: [...args, ...common],
      logFile: join(logDir, `${name}.log`),
      ...(options.env === undefined ? {} : { env: options.env }),
    });
    started.push(child);
    return child;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`${signal}: stopping the cluster`);
    void stop().finally(() => process.exit(130));
  };
  const stop = async () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await nginx?.stop();
    await Promise.all(started.map((child) => child.stop()));
    await postgres?.stop();
    await rm(logDir, { recursive: true, force: true });
  };

  if (options.stopOnSignal === true) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  try {
    const apiCount = options.apis ?? 2;
    // The importer first: the others then start on a migrated database that already holds the fleet.
    const first = await start("api-1", [
      ...API_ARGS,
      ...(options.manifest === undefined ? [] : ["--manifest", options.manifest]),
    ]);
    const rest = await Promise.all([
      ...Array.from({ length: apiCount - 1 }, (_, i) => start(`api-${i + 2}`, API_ARGS)),
      ...Array.from({ length: options.workers ?? 2 }, (_, i) =>
        start(`worker-${i + 1}`, ["--role", "worker"]),
      ),
    ]);
    const apis = [first, ...rest.slice(0, apiCount - 1)];
    nginx = await startNginx({
      ...(options.port === undefined ? {} : { port: options.port }),
      upstreams: apis.map((api) => `127.0.0.1:${api.port}`),
    });
    return {
      url: nginx.url,
      databaseUrl,
      postgres,
      nginx,
      apis,
      workers: rest.slice(apiCount - 1),
      logDir,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
