/**
 * The PostgreSQL start shared by tests, benchmarks and `npm run cluster`: a throwaway cluster leaves
 * nothing behind; a kept one (the benchmarks' big data) keeps its data across stop and start.
 */
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { canStartThrowawayPostgres, startThrowawayPostgres } from "./postgres.js";

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Running, not merely a zombie (nothing may reap an orphaned postmaster in a container). */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
};

describe.runIf(canStartThrowawayPostgres())("a PostgreSQL cluster of our own", () => {
  it("throwaway: serves its database, and stop() ends the server and removes its folder", {
    timeout: 60_000,
  }, async () => {
    const cluster = await startThrowawayPostgres();
    const pid = cluster.pid();
    expect(alive(pid)).toBe(true);
    expect(await query(cluster.url, "select current_database() as name")).toEqual([{ name: "loupe" }]);
    await cluster.stop();
    expect(existsSync(cluster.dataDir)).toBe(false);
    expect(alive(pid)).toBe(false);
  });

  it("kept: the data survives a stop and a start in the same folder", { timeout: 60_000 }, async () => {
    const parent = await mkdtemp(join(tmpdir(), "loupe-kept-pg-test-"));
    // As root the cluster runs as postgres, which must reach the kept folder (as bench/.out/pg).
    await chmod(parent, 0o755);
    const root = join(parent, "pg");
    try {
      const options = { keptRoot: root, database: "kept", settings: ["work_mem=8MB"] };
      const first = await startThrowawayPostgres(options);
      await query(first.url, "create table t (x int); insert into t values (42)");
      expect(await query(first.url, "show work_mem")).toEqual([{ work_mem: "8MB" }]);
      await first.stop();
      expect(existsSync(join(root, "data", "PG_VERSION"))).toBe(true);

      const second = await startThrowawayPostgres(options);
      try {
        expect(await query(second.url, "select x from t")).toEqual([{ x: 42 }]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  });
});
