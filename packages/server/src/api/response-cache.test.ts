import { describe, expect, it } from "vitest";
import { weakEtag } from "./etag.js";
import { ResponseCache } from "./response-cache.js";

describe("ResponseCache", () => {
  it("returns what was stored, with the body's ETag, for the same generation and key", () => {
    const cache = new ResponseCache();
    const stored = cache.set("g1", "k", '{"a":1}');
    expect(stored.etag).toBe(weakEtag('{"a":1}'));
    expect(cache.get("g1", "k")).toMatchObject({ body: '{"a":1}', etag: stored.etag });
    expect(cache.get("g1", "other")).toBeUndefined();
  });

  it("forgets everything when the generation moves (no entry outlives the data it came from)", () => {
    const cache = new ResponseCache();
    cache.set("g1", "k", "x");
    expect(cache.get("g2", "k")).toBeUndefined();
    expect(cache.size).toBe(0);
    // And an old generation coming back does not resurrect anything.
    expect(cache.get("g1", "k")).toBeUndefined();
  });

  it("stays within its byte budget, dropping the least recently used first", () => {
    const cache = new ResponseCache({ maxBytes: 10 });
    cache.set("g", "a", "aaaa");
    cache.set("g", "b", "bbbb");
    expect(cache.get("g", "a")?.body).toBe("aaaa"); // a is now the most recent
    cache.set("g", "c", "cccc"); // 12 bytes: b goes
    expect(cache.get("g", "b")).toBeUndefined();
    expect(cache.get("g", "a")?.body).toBe("aaaa");
    expect(cache.get("g", "c")?.body).toBe("cccc");
    // Too big to keep at all: returned with its tag, not stored, nothing evicted for it.
    expect(cache.set("g", "huge", "h".repeat(11)).etag).toBe(weakEtag("h".repeat(11)));
    expect(cache.get("g", "huge")).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it("replacing a key does not count its old body twice", () => {
    const cache = new ResponseCache({ maxBytes: 8 });
    cache.set("g", "a", "1111");
    cache.set("g", "a", "2222");
    cache.set("g", "b", "3333");
    expect(cache.get("g", "a")?.body).toBe("2222");
    expect(cache.get("g", "b")?.body).toBe("3333");
  });

  it("lets an entry expire by age", () => {
    let now = 0;
    const cache = new ResponseCache({ maxAgeMs: 1_000, now: () => now });
    cache.set("g", "k", "x");
    now = 1_000;
    expect(cache.get("g", "k")).toBeDefined();
    now = 1_001;
    expect(cache.get("g", "k")).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe("negotiateEncoding and encodedBody", () => {
  it("prefers brotli, then gzip, honouring q=0, and compresses each body once", async () => {
    const { negotiateEncoding, encodedBody } = await import("./encoded-body.js");
    expect(negotiateEncoding("gzip, deflate, br, zstd")).toBe("br");
    expect(negotiateEncoding("br;q=0, gzip")).toBe("gzip");
    expect(negotiateEncoding("identity")).toBeUndefined();
    expect(negotiateEncoding(undefined)).toBeUndefined();
    const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
    const response = new ResponseCache().set("g", "k", JSON.stringify({ items: "x".repeat(5_000) }));
    const br = encodedBody(response, "br");
    expect(br).toBeDefined();
    expect(encodedBody(response, "br")).toBe(br);
    expect(brotliDecompressSync(br as Buffer).toString()).toBe(response.body);
    expect(gunzipSync(encodedBody(response, "gzip") as Buffer).toString()).toBe(response.body);
    const small = new ResponseCache().set("g", "k", "{}");
    expect(encodedBody(small, "br")).toBeUndefined();
  });
});
