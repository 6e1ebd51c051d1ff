/**
 * Fetch safety (product.md, "Trust"; docs/deploy.md, "Fetch safety"): the real fetcher and source rules
 * against real servers on loopback. A trusted bucket (the manifest's host) answers logs and redirects;
 * "internal services" on 127.0.0.1 and ::1 play what an attacker wants reached, and count every TCP
 * connection they receive, so "refused" means nothing was contacted, not merely that no answer was read.
 * Then the same through the pipeline on every database (a refused log ends `unavailable` at once, never
 * retried, its reason naming the rule) and through the raw viewer's source.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, LookupFunction } from "node:net";
import { analyzeLog } from "@loupe/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchLog } from "../ingest/fetcher.js";
import { useCompiledParsePool } from "../ingest/test-support/build-worker.js";
import { startTestServer, type TestServer } from "../ingest/test-support/test-server.js";
import { createRawLogSource, RawLogUnavailableError } from "../raw-logs/raw-log-source.js";
import { createSourceAllowlist } from "../sources/source-allowlist.js";
import { importAndIngest } from "../test-support/ingest-run.js";
import { REAL_SERVER_LOG } from "../test-support/misbehaving-object-store.js";
import { queueRows } from "../test-support/queue-rows.js";
import { storeFactories } from "../test-support/store-factories.js";

const MIB = 1024 * 1024;

/** A server that answers 200 "secret" and counts the connections it accepts. */
interface CountingServer {
  readonly origin: string;
  readonly port: number;
  connections: number;
  close(): Promise<void>;
}

async function startCountingServer(host: string): Promise<CountingServer> {
  const server: Server = createServer((_req, res) => res.end("secret"));
  const counting = { connections: 0 } as CountingServer;
  server.on("connection", () => counting.connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(counting, {
    port,
    origin: host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

/** Injected DNS: each test host name resolves to the addresses listed; calls are recorded. */
const DNS: Record<string, string[]> = {
  "rebind.test": ["127.0.0.1"],
  "bucket.test": ["127.0.0.1"],
  "meta.test": ["127.0.0.1", "169.254.169.254"],
  "mapped-meta.test": ["::ffff:169.254.169.254"],
};
const resolved: string[] = [];
const resolve: LookupFunction = (hostname, _options, callback) => {
  resolved.push(hostname);
  const addresses = DNS[hostname];
  if (addresses === undefined) callback(Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" }), "");
  else
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
};

let bucket: TestServer;
let internal: CountingServer;
let internal6: CountingServer;
let allowed: CountingServer;

beforeAll(async () => {
  internal = await startCountingServer("127.0.0.1");
  internal6 = await startCountingServer("::1");
  allowed = await startCountingServer("127.0.0.1");
  const redirects: Record<string, string> = {
    "/to-loopback": `${internal.origin}/admin`,
    "/to-metadata": "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "/to-mapped": `http://[::ffff:127.0.0.1]:${internal.port}/admin`,
    "/to-decimal": `http://2130706433:${internal.port}/admin`,
    "/to-unnamed-host": `http://rebind.test:${internal.port}/admin`,
  };
  bucket = await startTestServer((req, res) => {
    const target = redirects[req.url ?? ""];
    if (target !== undefined) res.writeHead(302, { location: target }).end();
    else res.writeHead(200, { "content-length": REAL_SERVER_LOG.length }).end(REAL_SERVER_LOG);
  });
});
afterAll(async () => {
  await Promise.all([bucket?.close(), internal?.close(), internal6?.close(), allowed?.close()]);
});

/** The rules as `loupe serve` builds them: the manifest's hosts and two --allow-source prefixes. */
function sources() {
  const allow = createSourceAllowlist(
    [
      `${allowed.origin}/logs/`,
      `http://bucket.test:${allowed.port}/`,
      `http://meta.test:${internal.port}/`,
      `http://mapped-meta.test:${internal.port}/`,
    ],
    { resolve },
  );
  allow.trustManifestUrls([`${bucket.origin}/server.txt`]);
  return allow;
}

const fetchWithRules = (url: string) =>
  fetchLog(url, { timeoutMs: 2000, maxBytes: 64 * MIB, checkUrl: sources().check }, () => {});

describe("fetch safety: the fetcher with the source rules", () => {
  it("fetches from the manifest's own host", async () => {
    expect(await fetchWithRules(`${bucket.origin}/server.txt`)).toMatchObject({ kind: "ok" });
  });

  it.each([
    ["loopback", () => `${internal.origin}/admin`, "127.0.0.1 is a loopback address"],
    ["::1", () => `${internal6.origin}/admin`, "::1 is a loopback address"],
    ["::ffff:127.0.0.1", () => `http://[::ffff:127.0.0.1]:${internal.port}/admin`, "127.0.0.1 is a loopback"],
    ["a decimal IPv4", () => `http://2130706433:${internal.port}/admin`, "127.0.0.1 is a loopback"],
    ["a hex IPv4", () => `http://0x7f.1:${internal.port}/admin`, "127.0.0.1 is a loopback"],
    [
      "the metadata address",
      () => "http://169.254.169.254/latest/meta-data/",
      "169.254.169.254 is a cloud metadata",
    ],
    [
      "a name resolving to 127.0.0.1",
      () => `http://rebind.test:${internal.port}/admin`,
      "http://rebind.test:\\d+ is not a log source",
    ],
  ])("refuses %s without contacting it", async (_what, url, rule) => {
    const before = resolved.length;
    const result = await fetchWithRules(url());
    expect(result).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(new RegExp(` refused: ${rule}`)),
    });
    expect(internal.connections).toBe(0);
    expect(internal6.connections).toBe(0);
    // Not even a DNS query for a host no one named.
    expect(resolved.length).toBe(before);
  });

  it.each([
    ["/to-loopback", "127.0.0.1 is a loopback address"],
    ["/to-metadata", "169.254.169.254 is a cloud metadata address"],
    ["/to-mapped", "127.0.0.1 is a loopback address"],
    ["/to-decimal", "127.0.0.1 is a loopback address"],
    ["/to-unnamed-host", "http://rebind.test:\\d+ is not a log source"],
  ])("refuses a redirect from the trusted host (%s) before following it", async (path, rule) => {
    const result = await fetchWithRules(`${bucket.origin}${path}`);
    expect(result).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(new RegExp(` refused: ${rule}`)),
    });
    expect(internal.connections).toBe(0);
  });

  it("refuses a named host that resolves to a metadata address, at connect time, contacting nothing", async () => {
    // meta.test also resolves to 127.0.0.1, where `internal` listens: had any address been used, it would count.
    expect(await fetchWithRules(`http://meta.test:${internal.port}/x`)).toEqual({
      kind: "failed",
      reason: expect.stringMatching(
        /^http:\/\/meta\.test:\d+\/x refused: meta\.test resolves to 169\.254\.169\.254: a cloud metadata address/,
      ),
    });
    expect(await fetchWithRules(`http://mapped-meta.test:${internal.port}/x`)).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/resolves to ::ffff:169\.254\.169\.254: a cloud metadata address/),
    });
    expect(internal.connections).toBe(0);
  });

  it("fetches from --allow-source prefixes: an address as written, and a name through the vetting lookup", async () => {
    expect(await fetchWithRules(`${allowed.origin}/logs/a.txt`)).toMatchObject({ kind: "ok" });
    expect(await fetchWithRules(`${allowed.origin}/other/a.txt`)).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/127\.0\.0\.1 is a loopback address, and .* is not a log source/),
    });
    const before = resolved.filter((h) => h === "bucket.test").length;
    expect(await fetchWithRules(`http://bucket.test:${allowed.port}/b.txt`)).toMatchObject({ kind: "ok" });
    // Resolved once, by the connection itself: no separate check a rebinding could race.
    expect(resolved.filter((h) => h === "bucket.test").length).toBe(before + 1);
    expect(allowed.connections).toBeGreaterThanOrEqual(1);
  });
});

describe("fetch safety: with the system's resolver", () => {
  it("connects to a named host (localhost) through the vetting lookup, as Node's connect calls it", async () => {
    const allow = createSourceAllowlist([`http://localhost:${allowed.port}/`]);
    const before = allowed.connections;
    const result = await fetchLog(
      `http://localhost:${allowed.port}/c.txt`,
      { timeoutMs: 2000, maxBytes: MIB, checkUrl: allow.check },
      () => {},
    );
    expect(result).toMatchObject({ kind: "ok" });
    expect(allowed.connections).toBeGreaterThan(before);
  });
});

describe("fetch safety: the raw viewer reads through the same rules", () => {
  it("refuses a URL the rules refuse, naming the rule, contacting nothing", async () => {
    const source = createRawLogSource({
      timeoutMs: 2000,
      maxBytes: 64 * MIB,
      checkUrl: sources().check,
      cacheBytes: 64 * MIB,
    });
    const load = source.load(1, `${bucket.origin}/to-metadata`, "server");
    await expect(load).rejects.toBeInstanceOf(RawLogUnavailableError);
    await expect(load).rejects.toThrow(/169\.254\.169\.254 is a cloud metadata address/);
    expect((await source.load(2, `${bucket.origin}/server.txt`, "server")).entries.length).toBeGreaterThan(0);
  });
});

const parsing = useCompiledParsePool();

describe.each(storeFactories)("fetch safety: the pipeline on $dialect", (factory) => {
  it("ends a refused log `unavailable` after one attempt, naming the rule; fetches the trusted ones", async () => {
    const db = await factory.create();
    try {
      const connection = (id: number, clientUrl: string, serverUrl: string) => ({
        connectionId: id,
        username: `user${id}`,
        ip: "52.237.153.167",
        version: "1A32D5BE58D317FF",
        lastUpdated: Date.UTC(2020, 4, 15) + id,
        clientUrl,
        serverUrl,
      });
      // URLs that arrived some other way than the manifest (the API, an earlier import): nobody named them.
      await db.store.importConnections([
        connection(2, `${internal.origin}/admin`, "http://169.254.169.254/latest/meta-data/"),
      ]);
      // The operator's manifest: its host is trusted, what it redirects to is checked again.
      const run = await importAndIngest(
        db.store,
        [connection(1, `${bucket.origin}/server.txt`, `${bucket.origin}/to-loopback`)],
        {
          parsePool: parsing.pool,
          fetch: { timeoutMs: 2000, maxBytes: 64 * MIB, retryBaseMs: 1, retryCapMs: 5 },
          concurrency: 2,
          maxAttempts: 3,
          deadlineMs: 30_000,
        },
      );
      expect(run.errors).toEqual([]);
      expect(run.status).toEqual({ total: 4, done: 1, pending: 0, failed: 3 });
      const first = await db.store.getConnection(1);
      expect(first?.client).toMatchObject({ status: "ok", entries: analyzeLog(REAL_SERVER_LOG).entries });
      expect(first?.server).toMatchObject({
        status: "unavailable",
        lastError: expect.stringMatching(
          /^redirect to http:\/\/127\.0\.0\.1:\d+\/admin refused: 127\.0\.0\.1 is a loopback address/,
        ),
      });
      const second = await db.store.getConnection(2);
      expect(second?.client.lastError).toMatch(/refused: 127\.0\.0\.1 is a loopback address/);
      expect(second?.server.lastError).toMatch(/refused: 169\.254\.169\.254 is a cloud metadata address/);
      // Not retried: one attempt each, and nothing reached the internal service.
      expect((await queueRows(db.options)).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
      expect(run.counters.fetches.failed).toBe(3);
      expect(internal.connections).toBe(0);
    } finally {
      await db.dispose();
    }
  });
});
