import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawLogBuilder } from "../../raw-logs/raw-log.js";
import { type RawLogSource, RawLogUnavailableError } from "../../raw-logs/raw-log-source.js";
import { expectErrorShape } from "../test-support/assertions.js";
import { buildFleet, openTestApi, type TestApi, urlOf } from "../test-support/test-api.js";

const CLIENT = [
  "10:00:00:000 | INFO    | main.c | main:1 | Connecting...",
  "10:00:01:000 | WARNING | net.c | recv:2 | Latency spike <script>alert(1)</script>",
  "10:00:03:000 | ERROR   | net.c | recv:3 | Failed to send packet 12",
  "    at send (net.c:77)",
  "",
].join("\n");
const SERVER = [
  "10:00:00:500 | INFO    | enc.c | encode:9 | Average Encode Time: 0.010000",
  "10:00:02:000 | ERROR   | enc.c | encode:9 | Encoder session lost",
  "",
].join("\r\n");

/** Serves the fleet's log texts by URL, as object storage would; one URL is "down". */
function textSource(
  texts: ReadonlyMap<string, string>,
  down: ReadonlySet<string>,
): RawLogSource & { loads: number } {
  const source = {
    loads: 0,
    async load(_logId: number, url: string, side: "client" | "server") {
      source.loads++;
      if (down.has(url)) throw new RawLogUnavailableError("the log could not be fetched: 503");
      const builder = rawLogBuilder(side);
      builder.push(new TextEncoder().encode(texts.get(url) ?? ""));
      return builder.finish();
    },
  };
  return source;
}

describe("GET /api/connections/:id/logs", () => {
  let t: TestApi;
  const texts = new Map([
    [urlOf(1, "client"), CLIENT],
    [urlOf(1, "server"), SERVER],
    [urlOf(2, "server"), SERVER],
    [urlOf(3, "server"), SERVER],
  ]);

  beforeAll(async () => {
    t = await openTestApi({ rawLogs: textSource(texts, new Set([urlOf(3, "server")])) });
    await buildFleet(t.store, [
      { connectionId: 1, client: CLIENT, server: SERVER },
      { connectionId: 2, server: SERVER },
      { connectionId: 3, server: SERVER },
      { connectionId: 4, client: { missing: 404 }, server: "pending" },
    ]);
  });
  afterAll(() => t.close());

  const get = async (path: string) => {
    const response = await t.app.inject(path);
    return { status: response.statusCode, body: response.json(), response };
  };

  it("interleaves both sides by time, with continuation lines and line numbers, text kept as text", async () => {
    const { status, body } = await get("/api/connections/1/logs");
    expect(status).toBe(200);
    expect(body.items.map((e: { side: string; lineNumber: number }) => `${e.side}:${e.lineNumber}`)).toEqual([
      "client:1",
      "server:1",
      "client:2",
      "server:2",
      "client:3",
    ]);
    expect(body.items[2].message).toBe("Latency spike <script>alert(1)</script>");
    expect(body.items[4].continuation).toEqual([{ lineNumber: 4, text: "    at send (net.c:77)" }]);
    expect(body).toMatchObject({ total: 5, offset: 0, nextCursor: null });
    expect(body.sides.client).toMatchObject({ status: "ok", shown: true, reason: null });
  });

  it("filters by side, level and text, and pages with a cursor", async () => {
    const errors = await get("/api/connections/1/logs?level=ERROR&side=both");
    expect(errors.body.items.map((e: { message: string }) => e.message)).toEqual([
      "Encoder session lost",
      "Failed to send packet 12",
    ]);
    const search = await get("/api/connections/1/logs?side=client&q=NET.C:77");
    expect(search.body.items.map((e: { lineNumber: number }) => e.lineNumber)).toEqual([3]);
    const first = await get("/api/connections/1/logs?limit=2");
    const second = await get(`/api/connections/1/logs?limit=2&cursor=${first.body.nextCursor}`);
    expect(first.body.nextCursor).toBe("2");
    expect(second.body.offset).toBe(2);
    expect(second.body.items).toHaveLength(2);
  });

  it("starts at a moment when asked (a point clicked on a chart)", async () => {
    const { body } = await get("/api/connections/1/logs?at=36001.5");
    expect(body.offset).toBe(3);
    expect(body.items[0].message).toBe("Encoder session lost");
  });

  it("says why a side is not shown: not uploaded, missing at the source, still ingesting", async () => {
    const onlyServer = await get("/api/connections/2/logs");
    expect(onlyServer.body.sides.client).toMatchObject({ status: "not_recorded", shown: false });
    expect(onlyServer.body.sides.client.reason).toMatch(/no log was uploaded/);
    const nothing = await get("/api/connections/4/logs");
    expect(nothing.status).toBe(200);
    expect(nothing.body.total).toBe(0);
    expect(nothing.body.sides.client.reason).toMatch(/missing at the source/);
    expect(nothing.body.sides.server.reason).toMatch(/still being ingested/);
  });

  it("answers 503 JSON when the only log asked for cannot be fetched now, 404 for unknown connections", async () => {
    const down = await get("/api/connections/3/logs?side=server");
    expect(down.status).toBe(503);
    expectErrorShape(down.response, "unavailable");
    const unknown = await get("/api/connections/999/logs");
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown.response, "not_found");
    const bad = await get("/api/connections/1/logs?side=left");
    expect(bad.status).toBe(400);
    expectErrorShape(bad.response, "invalid_parameter");
  });
});
