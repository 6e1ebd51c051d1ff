// `loupe ingest MANIFEST` as an operator runs it: a real process, a real object store on 127.0.0.1, a real
// SQLite file; then the same database read through the store to check what the summary claimed.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { generateDemoManifest, listDemoLogs, type RunningDemoBucket, startDemoBucket } from "@loupe/demo";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/loupe.js", import.meta.url));
const COUNT = 60;

function run(args: readonly string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args]);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("loupe ingest", () => {
  let bucket: RunningDemoBucket;
  let dir: string;

  beforeAll(async () => {
    bucket = await startDemoBucket({ count: COUNT });
    dir = await mkdtemp(join(tmpdir(), "loupe-ingest-"));
  });
  afterAll(async () => {
    await bucket.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("imports every good row, ingests every log, and says so", async () => {
    const manifest = generateDemoManifest({ count: COUNT, baseUrl: bucket.url });
    // One bad row among good ones: reported with its row number and field, skipped, the rest kept.
    const rows = [...manifest, { ...manifest[0], connection_id: "not a number" }];
    const path = join(dir, "manifest.json");
    await writeFile(path, JSON.stringify(rows));
    const urls = new Set(manifest.flatMap((c) => [c.client_logs, c.server_logs]).filter((u) => u !== null));

    const r = await run(["ingest", path, "--db", join(dir, "loupe.db")]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`manifest row ${rows.length}.*connection_id`));
    expect(r.stdout).toContain(`${COUNT} connections: ${COUNT} new, 0 changed, 0 unchanged`);
    const logs = r.stdout.match(/(\d+) logs: (\d+) done, (\d+) unavailable, (\d+) pending/);
    expect(logs?.slice(1).map(Number)).toEqual([urls.size, urls.size, 0, 0]);

    // Running it again changes nothing and fetches nothing.
    const again = await run(["ingest", path, "--db", join(dir, "loupe.db")]);
    expect(again.stdout).toContain(`${COUNT} connections: 0 new, 0 changed, ${COUNT} unchanged`);
    expect(again.stdout).toMatch(/0\.0 MB fetched/);

    // Each log's status is what the demo bucket holds for it: a log, nothing (404), or not a log.
    const expected = new Map<string, string>();
    for (const spec of listDemoLogs({ count: COUNT })) {
      const status = { log: "ok", truncated: "ok", missing: "missing" }[spec.content as string] ?? "invalid";
      expected.set(`${bucket.url}${spec.objectName}`, status);
    }
    const db = new Database(join(dir, "loupe.db"), { readonly: true });
    const stored = db.prepare("select url, status from logs").all() as { url: string; status: string }[];
    db.close();
    expect(stored).toHaveLength(urls.size);
    for (const { url, status } of stored) expect(status, url).toBe(expected.get(url));
    expect(stored.filter((l) => l.status === "ok").length).toBeGreaterThan(urls.size / 2);
  });

  it("exits 2 with a clear message for a manifest that does not exist", async () => {
    const r = await run(["ingest", join(dir, "nope.json"), "--db", join(dir, "x.db")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/cannot read manifest .*nope\.json/);
  });
});
