/**
 * Live ingestion through the API: `loupe serve` starts with an empty manifest, the streaming backend
 * registers connections with POST /api/connections as they happen, and the running ingestion fetches
 * their logs — from --allow-source prefixes only, since URLs that arrive through the API are not trusted
 * like the operator's manifest. Requires `npm run build` (the built CLI).
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { analyzeLog } from "@loupe/core";
import { beforeAll, describe, expect, it } from "vitest";
import { demoManifestFile } from "../test-support/demo-manifest-file.js";
import { startPutObjectStore } from "../test-support/put-object-store.js";
import { assertBuiltServeKnows, startServe, waitForStatus } from "../test-support/serve-process.js";

const COUNT = 30;

beforeAll(() => assertBuiltServeKnows("--role all|api|worker"));

describe("registering connections with a running server", () => {
  it("ingests the registered connections' logs once each, and refuses URLs outside the allowlist", {
    timeout: 60_000,
  }, async () => {
    const demo = await demoManifestFile({ count: COUNT, delayMs: 0 });
    const dir = await mkdtemp(join(tmpdir(), "loupe-live-"));
    const empty = join(dir, "empty.json");
    await writeFile(empty, "[]");
    const server = await startServe(
      [
        "--manifest",
        empty,
        "--allow-source",
        demo.bucket.baseUrl,
        "--db",
        join(dir, "loupe.db"),
        "--port",
        "0",
      ],
      {},
    );
    try {
      const post = (rows: readonly object[]) =>
        fetch(`${server.url}/api/connections`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(rows),
        });
      const half = Math.floor(COUNT / 2);
      const first = await post(demo.rows.slice(0, half));
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ inserted: half, rejected: [] });
      const rest = await post([
        ...demo.rows.slice(half),
        { ...demo.rows[0], connection_id: 999_001, server_logs: "http://127.0.0.2:9/private.txt" },
      ]);
      const body = (await rest.json()) as { inserted: number; rejected: { row: number; field: string }[] };
      expect(body.inserted).toBe(COUNT - half);
      expect(body.rejected.map((r) => [r.row, r.field])).toEqual([[COUNT - half + 1, "server_logs"]]);

      const final = await waitForStatus(server.url, (s) => s.total === demo.urls.size && s.pending === 0);
      expect(final).toEqual({ total: demo.urls.size, done: demo.urls.size, pending: 0, failed: 0 });
      expect(new Set(demo.bucket.hits.keys())).toEqual(demo.urls);
      expect([...demo.bucket.hits.values()].every((hits) => hits === 1)).toBe(true);
      const list = (await (await fetch(`${server.url}/api/connections?limit=1`)).json()) as { total: number };
      expect(list.total).toBe(COUNT);
    } finally {
      await server.stop("SIGTERM");
      await demo.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("an uploaded log body goes to object storage under --upload-to and is ingested from there", {
    timeout: 60_000,
  }, async () => {
    const bucket = await startPutObjectStore();
    const dir = await mkdtemp(join(tmpdir(), "loupe-upload-"));
    const empty = join(dir, "empty.json");
    await writeFile(empty, "[]");
    const server = await startServe(
      ["--manifest", empty, "--upload-to", bucket.prefix, "--db", join(dir, "loupe.db"), "--port", "0"],
      { LOUPE_UPLOAD_AUTHORIZATION: "Bearer bucket-token" },
    );
    const log = [
      "10:00:00:000000 | INFO    | net.c           | ping:1 | Latency: 0.031",
      "10:00:00:500000 | INFO    | net.c           | ping:1 | Latency: 0.045",
      "10:00:01:000000 | ERROR   | net.c           | ping:9 | Socket 4 closed",
      "",
    ].join("\n");
    try {
      const registered = await fetch(`${server.url}/api/connections`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify([
          {
            connection_id: 42,
            username: "live@example.com",
            ip: "203.0.113.5",
            last_updated: "11/28/2026, 09:00",
          },
        ]),
      });
      expect(registered.status).toBe(200);
      const uploaded = await fetch(`${server.url}/api/connections/42/logs/client`, {
        method: "PUT",
        headers: { "content-type": "text/plain" },
        body: log,
      });
      expect(uploaded.status).toBe(201);
      expect(bucket.authorizations).toEqual(["Bearer bucket-token"]);
      await waitForStatus(server.url, (s) => s.total === 1 && s.pending === 0);
      const connection = (await (await fetch(`${server.url}/api/connections/42`)).json()) as {
        client: { status: string; entries: number; levels: Record<string, number> };
      };
      const expected = analyzeLog(new TextEncoder().encode(log));
      expect(connection.client).toMatchObject({
        status: "ok",
        entries: expected.entries,
        levels: expected.levels,
      });
    } finally {
      await server.stop("SIGTERM");
      await bucket.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
