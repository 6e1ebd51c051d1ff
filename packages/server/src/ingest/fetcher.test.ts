import { describe, expect, it } from "vitest";
import { fetchLog } from "./fetcher.js";
import { BODY, FETCH_TEST_OPTIONS, useFetchTestServer } from "./test-support/fetch-routes.js";
import { sleep } from "./test-support/test-server.js";

const OPTIONS = FETCH_TEST_OPTIONS;
const { server, base, get } = useFetchTestServer();

describe("fetchLog: success", () => {
  it("streams a body with its validators", async () => {
    const { result, body } = await get("/log.txt");
    expect(result).toEqual({
      kind: "ok",
      status: 200,
      bytes: BODY.length,
      etag: '"abc"',
      lastModified: "Tue, 30 Jun 2020 21:02:00 GMT",
      url: `${base()}/log.txt`,
    });
    expect(body.equals(BODY)).toBe(true);
  });

  it("streams a chunked body in many pieces", async () => {
    let calls = 0;
    const result = await fetchLog(`${base()}/chunked.txt`, OPTIONS, () => {
      calls++;
    });
    expect(result).toMatchObject({ kind: "ok", bytes: BODY.length });
    expect(calls).toBeGreaterThan(1);
  });

  it("decodes gzip, counting decoded bytes", async () => {
    const { result, body } = await get("/gzip.txt");
    expect(result).toMatchObject({ kind: "ok", bytes: BODY.length });
    expect(body.equals(BODY)).toBe(true);
  });

  it("does not count time spent waiting for the consumer as a stall", async () => {
    const result = await fetchLog(`${base()}/chunked.txt`, { ...OPTIONS, timeoutMs: 250 }, async () => {
      await sleep(5);
    });
    expect(result).toMatchObject({ kind: "ok" });
    const slowFirst = await fetchLog(`${base()}/log.txt`, { ...OPTIONS, timeoutMs: 250 }, () => sleep(750));
    expect(slowFirst).toMatchObject({ kind: "ok" });
  });
});

describe("fetchLog: outcomes other than a body", () => {
  it.each([403, 404, 410])("HTTP %i is missing", async (status) => {
    expect((await get(`/status/${status}`)).result).toEqual({ kind: "missing", status });
  });

  it.each([500, 502, 503, 504, 408, 429])("HTTP %i is retryable", async (status) => {
    expect((await get(`/status/${status}`)).result).toEqual({
      kind: "retryable",
      reason: `HTTP ${status}`,
      status,
    });
  });

  it("passes Retry-After on, in seconds or as a date", async () => {
    expect((await get("/retry-after")).result).toMatchObject({
      kind: "retryable",
      status: 503,
      retryAfterMs: 7000,
    });
    const dated = (await get("/retry-after-date")).result;
    expect(dated).toMatchObject({ kind: "retryable", status: 429 });
    expect(dated.kind === "retryable" && dated.retryAfterMs).toBeGreaterThan(55_000);
  });

  it.each([400, 401, 405, 416, 206])("HTTP %i fails for good", async (status) => {
    expect((await get(`/status/${status}`)).result).toMatchObject({ kind: "failed", status });
  });

  it("sends validators and reports 304 as not_modified", async () => {
    const { result, body } = await get("/conditional.txt", { etag: '"abc"' });
    expect(result).toEqual({ kind: "not_modified", etag: '"abc"', lastModified: null });
    expect(body.length).toBe(0);
    const since = await get("/conditional.txt", { lastModified: "Tue, 30 Jun 2020 21:02:00 GMT" });
    expect(since.result).toMatchObject({ kind: "not_modified" });
    const headers = server()
      .requests.filter((r) => r.url === "/conditional.txt")
      .map((r) => r.headers);
    expect(headers[0]?.["if-none-match"]).toBe('"abc"');
    expect(headers[1]?.["if-modified-since"]).toBe("Tue, 30 Jun 2020 21:02:00 GMT");
  });

  it("treats a 304 it did not ask for as a failure", async () => {
    expect((await get("/bare-304")).result).toMatchObject({ kind: "failed", status: 304 });
  });
});

describe("fetchLog: size cap", () => {
  it("refuses a declared length over the cap without reading", async () => {
    const { result, body } = await get("/huge-declared");
    expect(result).toEqual({ kind: "too_large", bytes: 10 * 1024 * 1024 * 1024, maxBytes: OPTIONS.maxBytes });
    expect(body.length).toBe(0);
  });

  it("stops reading an undeclared body at the cap", async () => {
    const { result, body } = await get("/endless", { maxBytes: 200_000 });
    expect(result).toMatchObject({ kind: "too_large", maxBytes: 200_000 });
    expect(body.length).toBeLessThanOrEqual(200_000);
  });

  it("stops a compressed body at the cap in decoded bytes", async () => {
    // A generous timeout: this is about the cap, and decoding is slower on a busy machine.
    const { result, body } = await get("/bomb.txt", { maxBytes: 1024 * 1024, timeoutMs: 10_000 });
    expect(result).toMatchObject({ kind: "too_large" });
    expect(body.length).toBeLessThanOrEqual(1024 * 1024);
  });
});
