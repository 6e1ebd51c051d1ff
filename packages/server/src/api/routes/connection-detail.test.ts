import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorShape } from "../test-support/assertions.js";
import { clientLog, serverLog } from "../test-support/log-text.js";
import { buildFleet, openTestApi, type TestApi, urlOf } from "../test-support/test-api.js";

describe("GET /api/connections/:id", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [
      {
        connectionId: 1,
        client: clientLog(
          [0.1, 0.2],
          [
            [36010, "ERROR", "Socket 12 closed"],
            [36011, "ERROR", "Socket 13 closed"],
            [36012, "WARNING", "Frame 7 dropped"],
          ],
        ),
        server: serverLog([0.01]),
      },
      { connectionId: 2, client: "pending", server: { missing: 404 } },
      { connectionId: 3, server: { unavailable: "connect ETIMEDOUT" } },
    ]);
  });
  afterAll(() => t.close());

  const detail = async (id: number) => {
    const response = await t.app.inject(`/api/connections/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  it("is the list item plus each log's id, URL, last error and most frequent patterns", async () => {
    const body = await detail(1);
    const listed = (await t.app.inject("/api/connections?q=user1@")).json().items[0];
    for (const [key, value] of Object.entries(listed)) {
      if (key === "client" || key === "server") expect(body[key]).toMatchObject(value as object);
      else expect(body[key]).toEqual(value);
    }
    expect(body.client).toMatchObject({ url: urlOf(1, "client"), lastError: null, status: "ok" });
    expect(typeof body.client.logId).toBe("number");
    expect(body.client.patterns).toEqual([
      {
        id: expect.any(String),
        level: "ERROR",
        template: "Socket <num> closed",
        example: "Socket 12 closed",
        count: 2,
        firstTime: 36010,
        lastTime: 36011,
      },
      {
        id: expect.any(String),
        level: "WARNING",
        template: "Frame <num> dropped",
        example: "Frame 7 dropped",
        count: 1,
        firstTime: 36012,
        lastTime: 36012,
      },
    ]);
    expect(body.server.patterns).toEqual([]);
  });

  it("says why a log is missing or unavailable, and null for a log not recorded", async () => {
    const missing = await detail(2);
    expect(missing.server).toMatchObject({ status: "missing", url: urlOf(2, "server") });
    expect(missing.server.lastError).toEqual(expect.any(String));
    const unavailable = await detail(3);
    expect(unavailable.server).toMatchObject({ status: "unavailable", lastError: "connect ETIMEDOUT" });
    expect(unavailable.client).toMatchObject({
      status: "not_recorded",
      url: null,
      logId: null,
      patterns: [],
    });
  });

  it("asks ingestion to fetch pending logs first, and only those", async () => {
    t.ingest.prioritized.length = 0;
    const pending = await detail(2);
    expect(t.ingest.prioritized).toEqual([pending.client.logId]);
    await detail(1);
    await detail(3);
    expect(t.ingest.prioritized).toEqual([pending.client.logId]);
  });

  it("answers 404 JSON for an unknown id and 400 JSON for one that is not an integer", async () => {
    const unknown = await t.app.inject("/api/connections/999");
    expect(unknown.statusCode).toBe(404);
    expectErrorShape(unknown, "not_found");
    expect(unknown.json().message).toContain("999");
    for (const id of ["abc", "1.5", "1e400", "99999999999999999999", "-", "%20"]) {
      const response = await t.app.inject(`/api/connections/${id}`);
      expect(response.statusCode, id).toBe(400);
      expectErrorShape(response, "invalid_parameter");
      expect(response.json().message).toContain('"id"');
    }
  });
});

describe("GET /api/connections/:id without an ingest pipeline", () => {
  it("moves a pending log to the front of the store's queue itself", async () => {
    const { buildApi } = await import("../app.js");
    const t = await openTestApi();
    try {
      await buildFleet(t.store, [{ connectionId: 1, client: "pending" }]);
      const app = await buildApi({ store: t.store });
      const response = await app.inject("/api/connections/1");
      expect(response.statusCode).toBe(200);
      expect(response.json().client.status).toBe("pending");
      await app.close();
    } finally {
      await t.close();
    }
  });
});
