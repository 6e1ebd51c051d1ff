import { Readable } from "node:stream";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import compress from "@fastify/compress";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyCompressionPlugin, STREAM_COMPRESSION } from "./body-compression.js";
import { etagPlugin } from "./etag.js";

/** A JSON body of about `bytes` bytes, different for every size (so tags differ). */
const jsonOf = (bytes: number) => ({
  rows: Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => ({ i, bytes })),
});

describe("whole-body compression", () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    // The order app.ts registers them in.
    await app.register(etagPlugin);
    await app.register(bodyCompressionPlugin);
    await app.register(compress, STREAM_COMPRESSION);
    app.get("/big", { config: { etag: true } }, async () => jsonOf(20_000));
    app.get("/small", async () => ({ ok: true }));
    app.get("/huge", async () => jsonOf(2_000_000));
    app.get("/varied", async (_request, reply) => reply.header("vary", "origin").send(jsonOf(5_000)));
    app.get("/png", async (_request, reply) => reply.type("image/png").send(Buffer.alloc(50_000, 7)));
    app.get("/stream", async (_request, reply) =>
      reply.type("text/plain").send(Readable.from(["line\n".repeat(10_000)])),
    );
    await app.ready();
  });
  afterAll(() => app.close());

  const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });

  it("sends the same JSON brotli- or gzip-compressed as the client prefers, with Vary", async () => {
    const plain = await get("/big");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("accept-encoding");
    const br = await get("/big", { "accept-encoding": "gzip, deflate, br" });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 4);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gzip = await get("/big", { "accept-encoding": "br;q=0, gzip" });
    expect(gzip.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gzip.rawPayload).toString()).toBe(plain.body);
    // Compressed whole, here: the streams would send it chunked, without a length.
    expect(Number(gzip.headers["content-length"])).toBe(gzip.rawPayload.length);
  });

  it("tags the content, whatever the encoding, and answers a matching tag with an empty 304", async () => {
    const plain = await get("/big");
    const br = await get("/big", { "accept-encoding": "br" });
    expect(br.headers.etag).toBe(plain.headers.etag);
    const revalidated = await get("/big", {
      "accept-encoding": "br",
      "if-none-match": String(br.headers.etag),
    });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.rawPayload.length).toBe(0);
    expect(revalidated.headers["content-encoding"]).toBeUndefined();
  });

  it("leaves small bodies and already-compressed types as they are", async () => {
    const small = await get("/small", { "accept-encoding": "br" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.json()).toEqual({ ok: true });
    const png = await get("/png", { "accept-encoding": "br" });
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.rawPayload.length).toBe(50_000);
  });

  it("adds accept-encoding to a Vary the route set", async () => {
    const varied = await get("/varied", { "accept-encoding": "gzip" });
    expect(varied.headers.vary).toBe("origin, accept-encoding");
    expect(gunzipSync(varied.rawPayload).toString()).toBe((await get("/varied")).body);
  });

  it("leaves streams and bodies over a megabyte to the streaming compression", async () => {
    const stream = await get("/stream", { "accept-encoding": "gzip" });
    expect(stream.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(stream.rawPayload).toString()).toBe("line\n".repeat(10_000));
    const huge = await get("/huge", { "accept-encoding": "br" });
    expect(huge.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(huge.rawPayload).toString()).toBe((await get("/huge")).body);
  });
});
