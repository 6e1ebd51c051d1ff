import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientLog, serverLog } from "../test-support/log-text.js";
import { buildFleet, openTestApi, type TestApi } from "../test-support/test-api.js";

/**
 * The fleet's users are everyone its connections belong to, not only those with a client log: here
 * Ana twice (in two cases, one with only a server log), Bo with no log at all, Cy whose log is missing,
 * Dee whose log is still pending, and one connection without a username.
 */
const FLEET = [
  { connectionId: 1, username: "Ana@example.com", client: clientLog([0.02]) },
  { connectionId: 2, username: "ana@example.com", server: serverLog([0.004]) },
  { connectionId: 3, username: "bo@example.com" },
  { connectionId: 4, username: "cy@example.com", client: { missing: 404 } },
  { connectionId: 5, username: "dee@example.com", client: "pending" as const },
  { connectionId: 6, username: null, client: clientLog([0.03]) },
];

describe("GET /api/insights/users", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, FLEET);
  });
  afterAll(() => t.close());

  it("counts distinct usernames across every connection, whatever its logs' state", async () => {
    const response = await t.app.inject("/api/insights/users");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["cache-control"]).toBe("private, max-age=5");
    expect(response.json()).toEqual({ users: 4 });
    // The scatter's points are the client logs only: two, one of them without a username.
    const points = (await t.app.inject("/api/insights/error-latency")).json().points;
    expect(points).toHaveLength(2);
  });
});
