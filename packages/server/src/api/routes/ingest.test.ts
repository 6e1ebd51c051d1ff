import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApi } from "../app.js";
import { expectErrorShape } from "../test-support/assertions.js";
import { clientLog } from "../test-support/log-text.js";
import { buildFleet, openTestApi, type TestApi } from "../test-support/test-api.js";

describe("ingest routes", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [
      { connectionId: 1, client: clientLog([0.1]), server: { missing: 404 } },
      { connectionId: 2, client: "pending", server: { unavailable: "503 from the bucket" } },
      { connectionId: 3 },
    ]);
  });
  afterAll(() => t.close());

  it("GET /api/ingest/status counts logs", async () => {
    const response = await t.app.inject("/api/ingest/status");
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(["done", "failed", "pending", "total"]);
    expect(body.total).toBe(4);
    expect(body).toEqual(await t.store.ingestStatus());
  });

  it("POST /api/connections/:id/refetch requeues both logs through the pipeline", async () => {
    t.ingest.requeued.length = 0;
    const logs = await t.store.connectionLogs(1);
    const response = await t.app.inject({ method: "POST", url: "/api/connections/1/refetch" });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ requeued: 2 });
    expect(t.ingest.requeued).toEqual([logs?.client, logs?.server]);

    const none = await t.app.inject({ method: "POST", url: "/api/connections/3/refetch" });
    expect(none.statusCode).toBe(202);
    expect(none.json()).toEqual({ requeued: 0 });
  });

  it("refetch answers 404 for an unknown connection and 400 for a bad id", async () => {
    expectErrorShape(
      await t.app.inject({ method: "POST", url: "/api/connections/999/refetch" }),
      "not_found",
    );
    expectErrorShape(
      await t.app.inject({ method: "POST", url: "/api/connections/1.5/refetch" }),
      "invalid_parameter",
    );
  });

  it("without a pipeline, refetch queues the logs in the store", async () => {
    const app = await buildApi({ store: t.store });
    try {
      const response = await app.inject({ method: "POST", url: "/api/connections/1/refetch" });
      expect(response.statusCode).toBe(202);
      const row = (await app.inject("/api/connections/1")).json();
      expect(row.client.status).toBe("pending");
      expect(row.server.status).toBe("pending");
    } finally {
      await app.close();
    }
  });
});
