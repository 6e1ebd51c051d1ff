import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../auth/tokens.js";
import { connectionInput } from "../../test-support/connection-fixture.js";
import { type PutObjectStore, startPutObjectStore } from "../../test-support/put-object-store.js";
import { openTestApi, type TestApi, TOKENS_ONLY_AUTH } from "../test-support/test-api.js";

const LOG = "10:00:00:000000 | INFO    | net.c           | ping:1 | Latency: 0.031\n";
const MAX_BYTES = 64 * 1024;

let bucket: PutObjectStore;
let t: TestApi;
let base: string;

beforeAll(async () => {
  bucket = await startPutObjectStore();
  t = await openTestApi({
    uploads: {
      prefix: bucket.prefix,
      authorization: "Bearer bucket-token",
      maxBytes: MAX_BYTES,
      timeoutMs: 5_000,
    },
  });
  // A real listening server: the body must arrive as a stream, in pieces, as clients send it.
  base = await t.app.listen({ host: "127.0.0.1", port: 0 });
  await t.store.importConnections([
    connectionInput(1, { clientUrl: null, serverUrl: null }),
    connectionInput(2),
  ]);
});
afterAll(async () => {
  await t.close();
  await bucket.close();
});

const upload = (path: string, body: BodyInit, type = "text/plain") =>
  fetch(`${base}/api/connections/${path}`, {
    method: "PUT",
    headers: { "content-type": type },
    body,
    duplex: "half",
  } as RequestInit);

async function statusOf(id: number) {
  return (await (await fetch(`${base}/api/connections/${id}`)).json()) as {
    client: { status: string; url: string | null };
    server: { status: string; url: string | null };
  };
}

describe("PUT /api/connections/:id/logs/:side (uploading a log)", () => {
  it("streams the body into object storage and queues the log at its new URL", async () => {
    const response = await upload("1/logs/client", LOG);
    expect(response.status).toBe(201);
    const { url, bytes } = (await response.json()) as { url: string; bytes: number };
    expect(bytes).toBe(Buffer.byteLength(LOG));
    expect(url.startsWith(bucket.prefix)).toBe(true);
    expect(bucket.objects.get(new URL(url).pathname)?.toString()).toBe(LOG);
    expect(bucket.authorizations.at(-1)).toBe("Bearer bucket-token");
    const connection = await statusOf(1);
    expect(connection.client).toMatchObject({ status: "pending", url });
    expect(connection.server.status).toBe("not_recorded");
  });

  it("a body sent in pieces without a declared length arrives whole", async () => {
    const pieces = [LOG.slice(0, 10), LOG.slice(10, 40), LOG.slice(40)];
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const piece of pieces) {
          controller.enqueue(new TextEncoder().encode(piece));
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        controller.close();
      },
    });
    const response = await upload("2/logs/server", stream, "application/octet-stream");
    expect(response.status).toBe(201);
    const { url } = (await response.json()) as { url: string };
    expect(bucket.objects.get(new URL(url).pathname)?.toString()).toBe(LOG);
    // The connection's other side is untouched.
    expect((await statusOf(2)).client.url).toBe(connectionInput(2).clientUrl);
  });

  it("refuses a log over the cap with 413, declared or not, and stores nothing", async () => {
    const before = bucket.objects.size;
    const declared = await upload("1/logs/server", "x".repeat(MAX_BYTES + 1));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: "payload_too_large" });
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(16 * 1024).fill(120));
      },
    });
    const streamed = await upload("1/logs/server", chunks);
    expect(streamed.status).toBe(413);
    expect(bucket.objects.size).toBe(before);
    expect((await statusOf(1)).server.status).toBe("not_recorded");
  });

  it("answers 404 for an unknown connection, 415 for another body type, 503 when the store refuses", async () => {
    expect((await upload("999/logs/client", LOG)).status).toBe(404);
    const json = await upload("1/logs/client", JSON.stringify({ log: LOG }), "application/json");
    expect(json.status).toBe(415);
    expect((await upload("1/logs/sideways", LOG)).status).toBe(400);
    bucket.answerPut = 500;
    try {
      const refused = await upload("1/logs/server", LOG);
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("2");
      expect(((await refused.json()) as { message: string }).message).toMatch(/answered 500/);
    } finally {
      bucket.answerPut = 200;
    }
    expect((await statusOf(1)).server.status).toBe("not_recorded");
  });

  it("with sign-in configured, refuses an upload without an ingest token before reading it", async () => {
    const guarded = await openTestApi({
      auth: TOKENS_ONLY_AUTH,
      uploads: { prefix: bucket.prefix, maxBytes: MAX_BYTES, timeoutMs: 5_000 },
    });
    try {
      await guarded.store.importConnections([connectionInput(7)]);
      const reader = (await issueToken(guarded.store, { name: "reader", scopes: ["read"] })).token;
      const backend = (await issueToken(guarded.store, { name: "backend", scopes: ["ingest"] })).token;
      const put = (headers: Record<string, string>) =>
        guarded.app.inject({
          method: "PUT",
          url: "/api/connections/7/logs/client",
          headers: { "content-type": "text/plain", ...headers },
          payload: LOG,
        });
      const before = bucket.objects.size;
      expect((await put({})).statusCode).toBe(401);
      expect((await put({ authorization: `Bearer ${reader}` })).statusCode).toBe(403);
      expect(bucket.objects.size).toBe(before);
      expect((await put({ authorization: `Bearer ${backend}` })).statusCode).toBe(201);
      expect(bucket.objects.size).toBe(before + 1);
    } finally {
      await guarded.close();
    }
  });
});
