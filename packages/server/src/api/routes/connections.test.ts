import { brotliDecompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorShape } from "../test-support/assertions.js";
import { clientLog, serverLog } from "../test-support/log-text.js";
import { buildFleet, type FleetConnection, openTestApi, type TestApi } from "../test-support/test-api.js";

interface Page {
  items: { connectionId: number; username: string | null; [key: string]: unknown }[];
  nextCursor: string | null;
  total: number;
}

describe("GET /api/connections", () => {
  let t: TestApi;
  const many: FleetConnection[] = Array.from({ length: 23 }, (_, i) => ({ connectionId: 100 + i }));

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [
      {
        connectionId: 1,
        username: "Noah@Example.com",
        version: "v1",
        client: clientLog(
          [0.1, 0.2, 0.3],
          [
            [36010, "ERROR", "Socket 12 closed"],
            [36011, "WARNING", "slow"],
          ],
        ),
        server: serverLog([0.01]),
      },
      {
        connectionId: 2,
        username: "a%b@example.com",
        version: "v2",
        client: "pending",
        server: { missing: 404 },
      },
      { connectionId: 3, username: "a_b@example.com", version: null, server: { unavailable: "timeout" } },
      { connectionId: 4, username: "axb@example.com", client: "" },
      { connectionId: 5, username: null },
      ...many,
    ]);
  });
  afterAll(() => t.close());

  const list = async (query: string): Promise<Page> => {
    const response = await t.app.inject(`/api/connections${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as Page;
  };

  it("answers the fields product.md requires, with ISO times and both logs' states", async () => {
    const page = await list("?q=noah");
    expect(page.total).toBe(1);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      connectionId: 1,
      username: "Noah@Example.com",
      ip: "52.237.153.167",
      version: "v1",
      lastUpdated: "2020-06-30T21:03:00.000Z",
      bookmarked: false,
      medianLatency: 0.2,
      durationSeconds: 11,
      client: {
        status: "ok",
        entries: 5,
        levels: { INFO: 3, ERROR: 1, WARNING: 1 },
        errors: 1,
        warnings: 1,
        errorPct: 20,
        warningPct: 20,
      },
      server: {
        status: "ok",
        entries: 1,
        levels: { INFO: 1 },
        errors: 0,
        warnings: 0,
        errorPct: 0,
        warningPct: 0,
      },
    });
  });

  it("reports every log status and null username/version", async () => {
    const byId = new Map((await list("?limit=500")).items.map((item) => [item.connectionId, item]));
    const statuses = (id: number) => {
      const item = byId.get(id) as unknown as { client: { status: string }; server: { status: string } };
      return [item.client.status, item.server.status];
    };
    expect(statuses(2)).toEqual(["pending", "missing"]);
    expect(statuses(3)).toEqual(["not_recorded", "unavailable"]);
    expect(statuses(4)).toEqual(["invalid", "not_recorded"]);
    expect(statuses(5)).toEqual(["not_recorded", "not_recorded"]);
    expect(byId.get(5)?.username).toBeNull();
    expect(byId.get(3)?.version).toBeNull();
  });

  it("searches case-insensitively with % and _ as literal characters", async () => {
    const ids = async (q: string) =>
      (await list(`?q=${encodeURIComponent(q)}`)).items.map((i) => i.connectionId);
    expect(await ids("NOAH@")).toEqual([1]);
    expect(await ids("%")).toEqual([2]);
    expect(await ids("_")).toEqual([3]);
    expect((await ids("a")).sort()).toEqual(expect.arrayContaining([1, 2, 3, 4]));
    expect(await ids("a_b")).toEqual([3]);
    expect(await ids("nobody-has-this")).toEqual([]);
    // An empty box is no filter.
    expect((await list("?q=")).total).toBe(28);
  });

  it("filters by version, status, errors and bookmarks", async () => {
    const ids = async (query: string) => (await list(query)).items.map((i) => i.connectionId);
    expect(await ids("?version=v2")).toEqual([2]);
    expect(await ids("?status=missing")).toEqual([2]);
    expect(await ids("?status=unavailable")).toEqual([3]);
    expect(await ids("?hasErrors=true")).toEqual([1]);
    expect(await ids("?bookmarked=true")).toEqual([]);
  });

  it("filters to the connections with a fleet error pattern (the insights' id)", async () => {
    const patterns = (await t.app.inject("/api/insights/patterns?limit=50")).json() as {
      items: { id: string; template: string; connections: number }[];
    };
    const socket = patterns.items.find((p) => p.template === "Socket <num> closed");
    expect(socket).toBeDefined();
    const page = await list(`?pattern=${encodeURIComponent(socket?.id ?? "")}`);
    expect(page.items.map((i) => i.connectionId)).toEqual([1]);
    expect(page.total).toBe(socket?.connections);
    // With the other filters, and an id no log has; an empty value is no filter.
    expect((await list(`?pattern=${socket?.id}&version=v2`)).total).toBe(0);
    expect(await list("?pattern=no-such-pattern")).toEqual({ items: [], nextCursor: null, total: 0 });
    expect((await list("?pattern=")).total).toBe(28);
    const tooLong = await t.app.inject(`/api/connections?pattern=${"x".repeat(201)}`);
    expect(tooLong.statusCode).toBe(400);
    expectErrorShape(tooLong, "invalid_parameter");
  });

  it("walks every connection exactly once through nextCursor, in every sort", async () => {
    for (const sort of ["lastUpdated", "errors", "medianLatency"]) {
      for (const order of ["asc", "desc"]) {
        const seen: number[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const suffix: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
          const page = await list(`?limit=5&sort=${sort}&order=${order}${suffix}`);
          expect(page.items.length).toBeLessThanOrEqual(5);
          expect(page.total).toBe(28);
          seen.push(...page.items.map((item) => item.connectionId));
          cursor = page.nextCursor;
          pages++;
        } while (cursor !== null && pages < 20);
        expect(pages).toBe(6);
        expect(seen).toHaveLength(28);
        expect(new Set(seen).size).toBe(28);
      }
    }
  });

  it("defaults to 50 newest first", async () => {
    const page = await list("");
    expect(page.items).toHaveLength(28);
    expect(page.items[0]?.connectionId).toBe(122);
  });

  it("answers 400 JSON for a bad limit, sort, order, status, boolean or cursor", async () => {
    for (const [query, code] of [
      ["?limit=0", "invalid_parameter"],
      ["?limit=501", "invalid_parameter"],
      ["?limit=abc", "invalid_parameter"],
      ["?limit=1.5", "invalid_parameter"],
      ["?sort=name", "invalid_parameter"],
      ["?order=up", "invalid_parameter"],
      ["?status=gone", "invalid_parameter"],
      ["?hasErrors=maybe", "invalid_parameter"],
      ["?q=a&q=b", "invalid_parameter"],
      ["?cursor=not-a-cursor", "invalid_cursor"],
      ["?cursor=%24%24%24", "invalid_cursor"],
    ] as const) {
      const response = await t.app.inject(`/api/connections${query}`);
      expect(response.statusCode, query).toBe(400);
      expectErrorShape(response, code);
    }
    const limit = (await t.app.inject("/api/connections?limit=501")).json() as { message: string };
    expect(limit.message).toContain('"limit"');
  });

  it("refuses a cursor issued for another sort", async () => {
    const first = await list("?limit=2&sort=errors");
    const response = await t.app.inject(
      `/api/connections?limit=2&sort=lastUpdated&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
    );
    expectErrorShape(response, "invalid_cursor");
  });

  it("sends no-cache with a weak ETag, and 304 when it matches", async () => {
    const first = await t.app.inject("/api/connections?limit=3");
    expect(first.headers["cache-control"]).toBe("no-cache");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const again = await t.app.inject({ url: "/api/connections?limit=3", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const other = await t.app.inject({ url: "/api/connections?limit=4", headers: { "if-none-match": etag } });
    expect(other.statusCode).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it("compresses large JSON when the client accepts it", async () => {
    const response = await t.app.inject({
      url: "/api/connections?limit=500",
      headers: { "accept-encoding": "gzip" },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-encoding"]).toBe("gzip");
    expect(response.headers.etag).toMatch(/^W\//);
    // The same page again (from the cache, compressed once) decodes to what an uncompressed client gets.
    const again = await t.app.inject({
      url: "/api/connections?limit=500",
      headers: { "accept-encoding": "br" },
    });
    expect(again.headers["content-encoding"]).toBe("br");
    const plain = await t.app.inject({ url: "/api/connections?limit=500" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(brotliDecompressSync(again.rawPayload).toString()).toBe(plain.body);
    expect(again.headers.etag).toBe(plain.headers.etag);
  });

  it("serves a repeated page from its cache, and a changed one as soon as the data changes", async () => {
    const url = "/api/connections?bookmarked=true&limit=5";
    const first = await t.app.inject(url);
    const second = await t.app.inject(url);
    expect(second.body).toBe(first.body);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers["content-type"]).toBe(first.headers["content-type"]);
    const before = first.json<Page>();

    const starred = await t.app.inject({ method: "PUT", url: "/api/connections/110/bookmark" });
    expect(starred.statusCode).toBeLessThan(300);
    const after = await t.app.inject({ url, headers: { "if-none-match": first.headers.etag as string } });
    expect(after.statusCode).toBe(200);
    expect(after.json<Page>().total).toBe(before.total + 1);
    expect(after.json<Page>().items.map((row) => row.connectionId)).toContain(110);

    await t.app.inject({ method: "DELETE", url: "/api/connections/110/bookmark" });
    expect((await t.app.inject(url)).json<Page>().total).toBe(before.total);
  });
});
