import { rm } from "node:fs/promises";
import { createDemoBucketHandler, listDemoLogs } from "@loupe/demo";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectErrorShape } from "./test-support/assertions.js";
import { openTestApi, type TestApi } from "./test-support/test-api.js";
import { makeWebRoot } from "./test-support/web-root.js";

describe("the web app's files and raw mounts", () => {
  let t: TestApi;
  let root: string;

  beforeAll(async () => {
    root = await makeWebRoot("loupe-web-");
    t = await openTestApi({
      webRoot: root,
      mounts: [
        {
          prefix: "/demo-bucket/",
          handle: (req, res) => {
            if (!req.url?.startsWith("/demo-bucket/client")) return false;
            res.setHeader("content-type", "text/plain");
            res.end(`object ${req.url}`);
            return true;
          },
        },
      ],
    });
  });
  afterAll(async () => {
    await t.close();
    await rm(root, { recursive: true, force: true });
  });

  it("serves index.html at / and for deep links, revalidated every time", async () => {
    for (const url of ["/", "/?q=noah&open=28770", "/connections/28770"]) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers["content-type"]).toMatch(/text\/html/);
      expect(response.body).toContain("<title>Loupe</title>");
      expect(response.headers["cache-control"]).toBe("no-cache");
    }
  });

  it("caches hashed assets for good", async () => {
    const response = await t.app.inject("/assets/app-1a2b3c.js");
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("never answers API, docs or missing-file paths with the page", async () => {
    for (const url of ["/api/nope", "/api", "/assets/missing.js", "/favicon.png", "/docs/nope.json"]) {
      const response = await t.app.inject(url);
      expect(response.statusCode, url).toBe(404);
      expectErrorShape(response, "not_found");
    }
    expect((await t.app.inject("/api/connections")).statusCode).toBe(200);
  });

  it("hands a mount's paths to its raw handler, and 404s what the handler declines", async () => {
    const object = await t.app.inject("/demo-bucket/client1534.txt");
    expect(object.statusCode).toBe(200);
    expect(object.body).toBe("object /demo-bucket/client1534.txt");
    const head = await t.app.inject({ method: "HEAD", url: "/demo-bucket/client1534.txt" });
    expect(head.statusCode).toBe(200);
    const declined = await t.app.inject("/demo-bucket/other.txt");
    expect(declined.statusCode).toBe(404);
    expectErrorShape(declined, "not_found");
  });
});

describe("the demo bucket mounted in the API's server", () => {
  it("serves the demo's log objects under /demo-bucket/", async () => {
    const fleet = { count: 20 };
    const t = await openTestApi({
      mounts: [{ prefix: "/demo-bucket/", handle: createDemoBucketHandler(fleet) }],
    });
    try {
      const present = listDemoLogs(fleet).find((spec) => spec.content !== "missing");
      expect(present).toBeDefined();
      const response = await t.app.inject(`/demo-bucket/${encodeURIComponent(present?.objectName ?? "")}`);
      expect(response.statusCode).toBe(200);
      expect(response.headers.etag).toEqual(expect.any(String));
      expect((await t.app.inject("/demo-bucket/no-such-object.txt")).statusCode).toBe(404);
    } finally {
      await t.close();
    }
  });
});
