import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadManifest } from "./load-manifest.js";
import { ManifestLoadError } from "./types.js";

const ROW = { connection_id: 1, ip: "10.0.0.1", last_updated: "06/30/2020, 21:02", server_logs: null };
const MANIFEST = JSON.stringify([ROW]);

let dir: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "loupe-manifest-"));
  server = createServer((req, res) => {
    switch (req.url) {
      case "/manifest.json":
        res.end(MANIFEST);
        return;
      case "/redirect":
        res.writeHead(302, { location: "/manifest.json" }).end();
        return;
      case "/big":
        res.end("x".repeat(5000)); // chunked: no content-length, so the cap must count
        return;
      case "/latin1":
        res.end(Buffer.from([0x5b, 0xe9, 0x5d]));
        return;
      case "/slow":
        return; // never answers
      default:
        res.writeHead(404).end("nope");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(dir, { recursive: true, force: true });
});

describe("loadManifest", () => {
  it("reads a file", async () => {
    const path = join(dir, "logs.py");
    await writeFile(path, `LOGS = [${JSON.stringify(ROW).replace("null", "None")}]`);
    const parsed = await loadManifest(path);
    expect(parsed.format).toBe("python");
    expect(parsed.rows).toHaveLength(1);
  });

  it("reads a URL, following redirects", async () => {
    expect((await loadManifest(`${base}/manifest.json`)).rows).toHaveLength(1);
    expect((await loadManifest(`${base}/redirect`)).rows).toHaveLength(1);
  });

  it.each([
    ["a missing file", () => join(dir, "absent.json"), {}, /cannot read manifest .*absent\.json/],
    ["a directory", () => dir, {}, /is not a file/],
    ["a file over the cap", () => join(dir, "logs.py"), { maxBytes: 10 }, /larger than the 10-byte limit/],
    ["an HTTP 404", () => `${base}/absent`, {}, /HTTP 404/],
    ["a download over the cap", () => `${base}/big`, { maxBytes: 1000 }, /larger than the 1000-byte limit/],
    [
      "a download that never answers",
      () => `${base}/slow`,
      { timeoutMs: 200 },
      /no complete answer within 200 ms/,
    ],
    ["text that is not UTF-8", () => `${base}/latin1`, {}, /not UTF-8/],
  ] as const)("refuses %s", async (_name, source, options, message) => {
    const attempt = loadManifest(source(), options);
    await expect(attempt).rejects.toThrow(ManifestLoadError);
    await expect(loadManifest(source(), options)).rejects.toThrow(message);
  });
});
