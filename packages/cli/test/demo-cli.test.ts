// `loupe demo` as a script uses it: the manifest it prints and the logs it names agree with the generator.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describeDemoLog, generateDemoLog } from "@loupe/demo";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/loupe.js", import.meta.url));
const loupe = (args: readonly string[]) =>
  spawnSync(process.execPath, [bin, ...args], { maxBuffer: 1 << 28 });

describe("loupe demo", () => {
  it("prints a manifest of --count connections whose log URLs use --base-url", () => {
    const r = loupe(["demo", "manifest", "--count", "40", "--base-url", "http://bucket.test/logs/"]);
    expect(r.status).toBe(0);
    const manifest = JSON.parse(r.stdout.toString("utf8")) as Array<Record<string, unknown>>;
    expect(manifest).toHaveLength(40);
    expect(new Set(manifest.map((c) => c.connection_id)).size).toBe(40);
    const urls = manifest.flatMap((c) => [c.client_logs, c.server_logs]).filter((u) => u !== null);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^http:\/\/bucket\.test\/logs\/(client|server)\d+\.txt$/);
  });

  it("prints a named log byte for byte as the generator makes it", () => {
    const manifest = JSON.parse(loupe(["demo", "manifest", "--count", "40"]).stdout.toString("utf8"));
    const names = manifest
      .flatMap((c: { client_logs: string | null; server_logs: string | null }) => [
        c.client_logs,
        c.server_logs,
      ])
      .filter((u: string | null) => u !== null)
      .map((u: string) => u.split("/").at(-1) as string);
    const name = names.find((n: string) => describeDemoLog(n, { count: 40 })?.content === "log") as string;
    const spec = describeDemoLog(name, { count: 40 });
    if (spec === undefined) throw new Error(`no spec for ${name}`);
    const r = loupe(["demo", "log", name, "--count", "40"]);
    expect(r.status).toBe(0);
    expect(new Uint8Array(r.stdout)).toEqual(generateDemoLog(spec));
  });

  it("exits 2 for a log the bucket does not have", () => {
    const r = loupe(["demo", "log", "client0.txt"]);
    expect(r.status).toBe(2);
    expect(r.stderr.toString("utf8")).toMatch(/no demo log named 'client0.txt'/);
  });
});
