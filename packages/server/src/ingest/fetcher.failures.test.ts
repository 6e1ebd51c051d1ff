import { describe, expect, it } from "vitest";
import { fetchLog } from "./fetcher.js";
import { BODY, FETCH_TEST_OPTIONS, useFetchTestServer } from "./test-support/fetch-routes.js";
import { closedPort } from "./test-support/test-server.js";

const OPTIONS = FETCH_TEST_OPTIONS;
const { server, base, get } = useFetchTestServer();

describe("fetchLog: failures worth retrying", () => {
  it("times out waiting for the response", async () => {
    const started = Date.now();
    expect((await get("/never")).result).toEqual({ kind: "retryable", reason: "no response within 300 ms" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("reports a refused connection", async () => {
    const port = await closedPort();
    const result = await fetchLog(`http://127.0.0.1:${port}/x`, OPTIONS, () => {});
    expect(result).toMatchObject({
      kind: "retryable",
      reason: expect.stringMatching(/^connection failed: .*ECONNREFUSED/),
    });
  });

  it("times out a body that stalls", async () => {
    const { result, body } = await get("/stall");
    expect(result).toEqual({ kind: "retryable", reason: "body stalled: no data for 300 ms" });
    expect(body.length).toBe(100);
  });

  it.each(["/cut", "/cut-chunked"])("reports a body cut short (%s)", async (path) => {
    const { result } = await get(path);
    expect(result).toMatchObject({ kind: "retryable", reason: expect.stringMatching(/^body cut short/) });
  });

  it("gives up on a body that drips past the deadline", async () => {
    const { result } = await get("/drip", { deadlineMs: 400 });
    expect(result).toEqual({ kind: "retryable", reason: "not finished within the 400 ms deadline" });
  });
});

describe("fetchLog: redirects", () => {
  it("follows relative and absolute redirects, checking every hop", async () => {
    const checked: string[] = [];
    const { result, body } = await get("/redirect-relative", {
      checkUrl: (url) => {
        checked.push(url.pathname);
        return { allowed: true };
      },
    });
    expect(result).toMatchObject({ kind: "ok", url: `${base()}/log.txt` });
    expect(body.equals(BODY)).toBe(true);
    expect(checked).toEqual(["/redirect-relative", "/redirect-absolute", "/log.txt"]);
  });

  it("follows 5 hops and refuses a 6th", async () => {
    expect((await get("/hops/5")).result).toMatchObject({ kind: "ok" });
    expect((await get("/hops/6")).result).toEqual({
      kind: "failed",
      reason: "more than 5 redirects",
      status: 302,
    });
  });

  it("stops where checkUrl refuses, before requesting", async () => {
    const before = server().requests.length;
    const { result } = await get("/redirect-relative", {
      checkUrl: (url) =>
        url.pathname === "/redirect-absolute"
          ? { allowed: false, reason: "not on the allowlist" }
          : { allowed: true },
    });
    expect(result).toEqual({
      kind: "failed",
      reason: `redirect to ${base()}/redirect-absolute refused: not on the allowlist`,
    });
    expect(server().requests.length).toBe(before + 1);
  });

  it("refuses redirects to other schemes and redirects without a Location", async () => {
    expect((await get("/redirect-ftp")).result).toEqual({
      kind: "failed",
      reason: "not an http(s) URL: ftp://127.0.0.1/x",
    });
    expect((await get("/redirect-bare")).result).toMatchObject({ kind: "failed", status: 308 });
  });

  it("refuses a URL that is not http(s)", async () => {
    expect(await fetchLog("file:///etc/passwd", OPTIONS, () => {})).toMatchObject({ kind: "failed" });
    expect(await fetchLog("nonsense", OPTIONS, () => {})).toEqual({
      kind: "failed",
      reason: "not a URL: nonsense",
    });
  });
});

describe("fetchLog: the caller's own failures", () => {
  it("rejects with the abort reason, before or during the download", async () => {
    const reason = new Error("shutting down");
    await expect(
      fetchLog(`${base()}/log.txt`, { ...OPTIONS, signal: AbortSignal.abort(reason) }, () => {}),
    ).rejects.toBe(reason);
    const controller = new AbortController();
    setTimeout(() => controller.abort(reason), 100);
    await expect(
      fetchLog(`${base()}/drip`, { ...OPTIONS, signal: controller.signal }, () => {}),
    ).rejects.toBe(reason);
  });

  it("rejects with the error onChunk threw", async () => {
    const boom = new Error("parser gone");
    await expect(
      fetchLog(`${base()}/chunked.txt`, OPTIONS, () => {
        throw boom;
      }),
    ).rejects.toBe(boom);
  });
});
