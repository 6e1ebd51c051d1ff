/**
 * Vitest globalSetup: makes PostgreSQL available to the store tests. With LOUPE_TEST_DATABASE_URL set
 * (CI), nothing to do. Otherwise, where PostgreSQL 15 is installed, a throwaway cluster is started and its
 * URL exported to the test workers (they start after this runs and inherit the environment); it is stopped
 * at teardown. Without either, the PostgreSQL variants of the tests are skipped and only SQLite runs.
 * LOUPE_TEST_POSTGRES=0 opts out of starting a cluster; LOUPE_TEST_POSTGRES_BIN points at another
 * PostgreSQL bin directory (default /usr/lib/postgresql/15/bin). LOUPE_REQUIRE_POSTGRES=1 (CI) makes a
 * missing PostgreSQL an error instead of a reason to skip.
 */
import {
  canStartThrowawayPostgres,
  POSTGRES_BIN_DIR,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from "../dev/postgres.js";

const URL_VARIABLE = "LOUPE_TEST_DATABASE_URL";

let cluster: ThrowawayPostgres | undefined;

export async function setup(): Promise<void> {
  if (process.env[URL_VARIABLE] !== undefined && process.env[URL_VARIABLE] !== "") return;
  const binDir = process.env.LOUPE_TEST_POSTGRES_BIN || POSTGRES_BIN_DIR;
  if (process.env.LOUPE_TEST_POSTGRES === "0") return;
  if (!canStartThrowawayPostgres(binDir)) {
    if (process.env.LOUPE_REQUIRE_POSTGRES === "1")
      throw new Error(`LOUPE_REQUIRE_POSTGRES=1: no PostgreSQL in ${binDir}`);
    return;
  }
  cluster = await startThrowawayPostgres(binDir);
  process.env[URL_VARIABLE] = cluster.url;
}

export async function teardown(): Promise<void> {
  if (cluster === undefined) return;
  await cluster.stop();
  delete process.env[URL_VARIABLE];
  cluster = undefined;
}
