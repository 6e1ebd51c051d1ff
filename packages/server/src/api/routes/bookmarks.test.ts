import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorShape } from "../test-support/assertions.js";
import { buildFleet, openTestApi, type TestApi } from "../test-support/test-api.js";

describe("PUT / DELETE /api/connections/:id/bookmark", () => {
  let t: TestApi;

  beforeAll(async () => {
    t = await openTestApi();
    await buildFleet(t.store, [{ connectionId: 1 }, { connectionId: 2 }, { connectionId: 3 }]);
  });
  afterAll(() => t.close());

  const bookmarkedIds = async () =>
    (await t.app.inject("/api/connections?bookmarked=true"))
      .json()
      .items.map((i: { connectionId: number }) => i.connectionId);

  it("stars and un-stars idempotently, shows it on the item and filters by it", async () => {
    for (let i = 0; i < 2; i++) {
      const put = await t.app.inject({ method: "PUT", url: "/api/connections/2/bookmark" });
      expect(put.statusCode).toBe(204);
      expect(put.body).toBe("");
    }
    await t.app.inject({ method: "PUT", url: "/api/connections/3/bookmark" });
    expect(await bookmarkedIds()).toEqual([3, 2]);
    expect((await t.app.inject("/api/connections/2")).json().bookmarked).toBe(true);
    expect((await t.app.inject("/api/connections/1")).json().bookmarked).toBe(false);
    const notBookmarked = (await t.app.inject("/api/connections?bookmarked=false")).json();
    expect(notBookmarked.items.map((i: { connectionId: number }) => i.connectionId)).toEqual([1]);

    for (let i = 0; i < 2; i++) {
      const del = await t.app.inject({ method: "DELETE", url: "/api/connections/3/bookmark" });
      expect(del.statusCode).toBe(204);
    }
    expect(await bookmarkedIds()).toEqual([2]);
  });

  it("answers 404 for an unknown connection and 400 for a bad id", async () => {
    for (const method of ["PUT", "DELETE"] as const) {
      const unknown = await t.app.inject({ method, url: "/api/connections/999/bookmark" });
      expect(unknown.statusCode).toBe(404);
      expectErrorShape(unknown, "not_found");
      expectErrorShape(
        await t.app.inject({ method, url: "/api/connections/one/bookmark" }),
        "invalid_parameter",
      );
    }
  });

  it("answers 404 JSON for a method the route does not have", async () => {
    expectErrorShape(await t.app.inject({ method: "POST", url: "/api/connections/1/bookmark" }), "not_found");
  });
});
