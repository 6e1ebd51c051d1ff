// `loupe serve` as a newcomer runs it: the demo served end to end by a real process (store, demo bucket,
// ingestion over HTTP, API), and the mistakes an operator can make refused with a clear message.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/loupe.js", import.meta.url));

async function startServe(args: readonly string[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [bin, "serve", ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 15_000);
    child.stdout?.on("data", (d) => {
      output += d;
      const m = output.match(/serving (http:\/\/\S+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1] as string);
      }
    });
    child.stderr?.on("data", (d) => (output += d));
    child.on("exit", (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  return { child, url };
}

describe("loupe serve", () => {
  let dir: string;
  let server: { child: ChildProcess; url: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "loupe-serve-"));
    server = await startServe(["--port", "0", "--db", join(dir, "loupe.db"), "--demo-count", "40"]);
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the demo fleet and ingests its logs through its own demo bucket", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    let status = { total: 0, done: 0, pending: 1, failed: 0 };
    for (let i = 0; i < 100 && (status.pending > 0 || status.total === 0); i++) {
      await new Promise((r) => setTimeout(r, 200));
      status = (await (await fetch(`${server.url}/api/ingest/status`)).json()) as typeof status;
    }
    expect(status.pending).toBe(0);
    expect(status.done).toBe(status.total);
    const page = (await (await fetch(`${server.url}/api/connections?limit=100`)).json()) as {
      total: number;
      items: { server: { status: string } }[];
    };
    expect(page.total).toBe(40);
    expect(page.items.filter((c) => c.server.status === "ok").length).toBeGreaterThan(30);
  });

  it("refuses a non-loopback address without sign-in, and a manifest it cannot read, with exit status 2", () => {
    const open = spawnSync(process.execPath, [bin, "serve", "--host", "0.0.0.0"], { encoding: "utf8" });
    expect(open.status).toBe(2);
    expect(open.stderr).toMatch(/refusing to listen on 0\.0\.0\.0/);
    const missing = spawnSync(
      process.execPath,
      [bin, "serve", "--port", "0", "--db", join(dir, "other.db"), "--manifest", join(dir, "none.json")],
      { encoding: "utf8", timeout: 15_000 },
    );
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read manifest/);
  });
});

describe("loupe serve --rate-limit --trust-proxy", () => {
  let dir: string;
  let server: { child: ChildProcess; url: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "loupe-serve-limit-"));
    server = await startServe([
      ...["--port", "0", "--db", join(dir, "loupe.db"), "--demo-count", "5"],
      ...["--rate-limit", "5", "--trust-proxy", "127.0.0.1"],
    ]);
  });
  afterAll(async () => {
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
    await rm(dir, { recursive: true, force: true });
  });

  it("limits each client (named by the trusted proxy's X-Forwarded-For), never the health checks", async () => {
    const get = (path: string, client: string) =>
      fetch(`${server.url}${path}`, { headers: { "x-forwarded-for": client } });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get("/api/info", "198.51.100.1")).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await get("/api/info", "198.51.100.1");
    expect(refused.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await refused.json()).toMatchObject({ error: "rate_limited" });
    expect((await get("/api/info", "198.51.100.2")).status).toBe(200);
    expect((await get("/healthz", "198.51.100.1")).status).toBe(200);
  });
});
