import { describe, expect, it } from "vitest";
import { issueToken } from "../../auth/tokens.js";
import { createSourceAllowlist } from "../../sources/source-allowlist.js";
import { MAX_REGISTERED_ROWS } from "../schemas/registration.js";
import { expectErrorShape } from "../test-support/assertions.js";
import { openTestApi, TOKENS_ONLY_AUTH } from "../test-support/test-api.js";

const allowlist = createSourceAllowlist(["https://logs.test/"]);

function row(id: number, overrides: Record<string, unknown> = {}) {
  return {
    connection_id: id,
    username: `live${id}@example.com`,
    ip: "203.0.113.20",
    last_updated: "11/28/2026, 09:00",
    version: "e2cd777-1B1D1F08",
    client_logs: `https://logs.test/client${id}.txt`,
    server_logs: `https://logs.test/server${id}.txt`,
    ...overrides,
  };
}

async function withApi(body: (t: Awaited<ReturnType<typeof openTestApi>>) => Promise<void>) {
  const t = await openTestApi({ checkSourceUrl: allowlist.check });
  try {
    await body(t);
  } finally {
    await t.close();
  }
}

const register = (t: Awaited<ReturnType<typeof openTestApi>>, payload: unknown) =>
  t.app.inject({ method: "POST", url: "/api/connections", payload: payload as object });

describe("POST /api/connections (registering connections)", () => {
  it("stores new connections, queues their logs, and lists them", async () => {
    await withApi(async (t) => {
      const response = await register(t, [row(501), row(502, { client_logs: null, username: null })]);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ inserted: 2, updated: 0, unchanged: 0, logsQueued: 3, rejected: [] });
      const list = (await t.app.inject("/api/connections")).json();
      expect(list.items.map((c: { connectionId: number }) => c.connectionId)).toEqual([502, 501]);
      expect(list.items[0].username).toBeNull();
      expect(list.items[0].client.status).toBe("not_recorded");
      expect(list.items[1].server.status).toBe("pending");
      expect((await t.app.inject("/api/ingest/status")).json()).toMatchObject({ total: 3, pending: 3 });
    });
  });

  it("skips bad rows with their position, field and reason, and keeps every good row", async () => {
    await withApi(async (t) => {
      const response = await register(t, [
        row(601),
        row(602, { ip: undefined }),
        row(603, { server_logs: "http://169.254.169.254/latest/meta-data/" }),
        row(601, { username: "again@example.com" }),
        "not a row",
        row(604),
      ]);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ inserted: 2, logsQueued: 4 });
      expect(body.rejected.map((r: { row: number; field: string }) => [r.row, r.field])).toEqual([
        [2, "ip"],
        [3, "server_logs"],
        [4, "connection_id"],
        [5, "(row)"],
      ]);
      expect(body.rejected[1]).toMatchObject({ connectionId: 603 });
      expect(body.rejected[1].reason).toMatch(/169\.254\.169\.254/);
      const ids = (await t.app.inject("/api/connections"))
        .json()
        .items.map((c: { connectionId: number }) => c.connectionId);
      expect(ids.sort()).toEqual([601, 604]);
      // The first row with an id wins; the duplicate did not overwrite it.
      expect((await t.app.inject("/api/connections/601")).json().username).toBe("live601@example.com");
    });
  });

  it("registering a connection again updates it, and a changed URL queues that log again", async () => {
    await withApi(async (t) => {
      await register(t, [row(701)]);
      const same = (await register(t, [row(701)])).json();
      expect(same).toMatchObject({ inserted: 0, updated: 0, unchanged: 1, logsQueued: 0 });
      const moved = (await register(t, [row(701, { server_logs: "https://logs.test/moved.txt" })])).json();
      expect(moved).toMatchObject({ inserted: 0, updated: 1, logsQueued: 1 });
    });
  });

  it("refuses a body that is not an array of 1 to 1,000 rows, or too big, with a JSON 4xx", async () => {
    await withApi(async (t) => {
      for (const payload of [
        { connection_id: 1 },
        [],
        Array.from({ length: MAX_REGISTERED_ROWS + 1 }, (_, i) => row(i + 1)),
      ]) {
        const response = await register(t, payload);
        expect(response.statusCode, JSON.stringify(payload).slice(0, 40)).toBe(400);
        expectErrorShape(response, "invalid_parameter");
      }
      const huge = await t.app.inject({
        method: "POST",
        url: "/api/connections",
        headers: { "content-type": "application/json" },
        payload: JSON.stringify([row(1, { username: "x".repeat(2 * 1024 * 1024) })]),
      });
      expect(huge.statusCode).toBe(413);
      const text = await t.app.inject({
        method: "POST",
        url: "/api/connections",
        headers: { "content-type": "text/plain" },
        payload: "connection_id=1",
      });
      expect(text.statusCode).toBe(415);
      expect((await t.app.inject("/api/connections")).json().total).toBe(0);
    });
  });

  it("with sign-in configured, takes only a token with the ingest scope", async () => {
    const t = await openTestApi({ auth: TOKENS_ONLY_AUTH, checkSourceUrl: allowlist.check });
    try {
      const reader = (await issueToken(t.store, { name: "reader", scopes: ["read"] })).token;
      const backend = (await issueToken(t.store, { name: "backend", scopes: ["ingest"] })).token;
      const post = (headers: Record<string, string>) =>
        t.app.inject({ method: "POST", url: "/api/connections", headers, payload: [row(801)] });
      expect((await post({})).statusCode).toBe(401);
      expect((await post({ authorization: `Bearer ${reader}` })).statusCode).toBe(403);
      const stored = await post({ authorization: `Bearer ${backend}` });
      expect(stored.statusCode).toBe(200);
      expect(stored.json()).toMatchObject({ inserted: 1 });
    } finally {
      await t.close();
    }
  });
});
