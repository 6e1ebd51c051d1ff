import { describe, expect, it } from "vitest";
import { buildApi } from "./api/app.js";
import { redirectMount } from "./demo-redirect.js";
import { createStore } from "./store/kysely/create-store.js";

describe("redirectMount", () => {
  it("redirects every object under the prefix to the same key at the target, and nothing else", async () => {
    const store = await createStore({ sqlitePath: ":memory:" });
    await store.migrate();
    const app = await buildApi({
      store,
      mounts: [redirectMount("/demo-bucket", "http://127.0.0.1:5555/demo-bucket/")],
    });
    try {
      const object = await app.inject("/demo-bucket/client/2020-06-30/a%20b.txt?x=1");
      expect(object.statusCode).toBe(307);
      expect(object.headers.location).toBe(
        "http://127.0.0.1:5555/demo-bucket/client/2020-06-30/a%20b.txt?x=1",
      );
      const head = await app.inject({ method: "HEAD", url: "/demo-bucket/k.txt" });
      expect(head.statusCode).toBe(307);
      expect((await app.inject("/api/connections")).statusCode).toBe(200);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
