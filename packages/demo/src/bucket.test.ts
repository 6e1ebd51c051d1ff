import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDemoBucketHandler, type RunningDemoBucket, startDemoBucket } from "./bucket.js";
import { generateDemoLog } from "./demo-log.js";
import type { DemoLogSpec } from "./log-spec.js";
import { generateDemoManifest, listDemoLogs } from "./manifest.js";

// A small fleet keeps the test quick; the bucket serves any (seed, count).
const FLEET = { seed: 3, count: 120 };
const specs = listDemoLogs(FLEET).sort((a, b) => a.objectName.localeCompare(b.objectName));
const shortest = (pred: (s: DemoLogSpec) => boolean): DemoLogSpec => {
  const found = specs.filter(pred).sort((a, b) => a.session.durationSeconds - b.session.durationSeconds)[0];
  if (found === undefined) throw new Error("no such object in the fleet");
  return found;
};
const aLog = shortest((s) => s.content === "log");
const missing = shortest((s) => s.content === "missing");
const empty = shortest((s) => s.content === "empty");
const html = shortest((s) => s.content === "html");

let bucket: RunningDemoBucket;
beforeAll(async () => {
  bucket = await startDemoBucket({ ...FLEET, port: 0 });
});
afterAll(async () => {
  await bucket.close();
});

describe("startDemoBucket", () => {
  it("listens on loopback with a free port and serves the manifest's URLs", async () => {
    expect(bucket.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/demo-bucket\/$/);
    const manifest = generateDemoManifest({ ...FLEET, baseUrl: bucket.url });
    const url = manifest
      .flatMap((c) => [c.server_logs, c.client_logs])
      .find((u) => u?.endsWith(aLog.objectName));
    expect(url).toBeDefined();
    const res = await fetch(url as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const body = new Uint8Array(await res.arrayBuffer());
    expect(Buffer.from(body).equals(Buffer.from(generateDemoLog(aLog)))).toBe(true);
    expect(Number(res.headers.get("content-length"))).toBe(body.length);
    const sha = createHash("sha256").update(body).digest("hex").slice(0, 32);
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(Date.parse(res.headers.get("last-modified") ?? "")).toBe(
      Math.floor(aLog.uploadedMs / 1000) * 1000,
    );
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await fetch(`${bucket.url}${aLog.objectName}`, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get("content-length"))).toBe(generateDemoLog(aLog).length);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers conditional and range requests", async () => {
    const url = `${bucket.url}${aLog.objectName}`;
    const first = await fetch(url);
    const etag = first.headers.get("etag") ?? "";
    const lastModified = first.headers.get("last-modified") ?? "";
    expect((await fetch(url, { headers: { "if-none-match": etag } })).status).toBe(304);
    expect((await fetch(url, { headers: { "if-none-match": '"other"' } })).status).toBe(200);
    expect((await fetch(url, { headers: { "if-modified-since": lastModified } })).status).toBe(304);
    const part = await fetch(url, { headers: { range: "bytes=0-99" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);
    expect((await part.arrayBuffer()).byteLength).toBe(100);
    expect((await fetch(url, { headers: { range: "bytes=999999999-" } })).status).toBe(416);
  });

  it("answers 404 with S3's NoSuchKey for objects that do not exist, and serves empty ones as they are", async () => {
    for (const name of ["client1.txt", "nothing-here", "%2E%2E%2Fetc%2Fpasswd"]) {
      const res = await fetch(`${bucket.url}${name}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/xml");
      expect(await res.text()).toMatch(/<Code>NoSuchKey<\/Code>/);
    }
    expect((await fetch(`${bucket.url}${missing.objectName}`)).status).toBe(404);
    const emptyRes = await fetch(`${bucket.url}${empty.objectName}`);
    expect(emptyRes.status).toBe(200);
    expect((await emptyRes.arrayBuffer()).byteLength).toBe(0);
    expect(await (await fetch(`${bucket.url}${html.objectName}`)).text()).toMatch(/^<html>/);
    expect((await fetch(bucket.url)).status).toBe(403);
    expect((await fetch(`${bucket.url}${aLog.objectName}`, { method: "POST" })).status).toBe(405);
    expect((await fetch(bucket.url.replace("/demo-bucket/", "/elsewhere"))).status).toBe(404);
  });
});

describe("createDemoBucketHandler", () => {
  it("leaves other paths to the server it is mounted in", async () => {
    const handle = createDemoBucketHandler({ ...FLEET, prefix: "objects" });
    const server = createServer((req, res) => {
      if (handle(req, res)) return;
      res.end("app");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${base}/api/connections`)).text()).toBe("app");
      expect((await fetch(`${base}/objects/${aLog.objectName}`)).status).toBe(200);
      expect(await (await fetch(`${base}/demo-bucket/${aLog.objectName}`)).text()).toBe("app");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
