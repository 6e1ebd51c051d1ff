import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { warmUp } from "./warm-up.js";

describe("warmUp", () => {
  it("asks the dashboard's first requests in-process, the list's first page more than once", async () => {
    const app = Fastify();
    const asked: string[] = [];
    app.get("/api/*", async (request) => {
      asked.push(request.url);
      return {};
    });
    expect(await warmUp(app)).toBe(asked.length);
    expect(asked.filter((url) => url === "/api/connections?limit=50").length).toBeGreaterThan(1);
    expect(asked).toContain("/api/info");
    await app.close();
  });

  it("never throws and counts only answers below 500, so a broken route cannot stop the start", async () => {
    const app = Fastify();
    app.get("/api/info", async () => {
      throw new Error("broken");
    });
    app.get("/api/*", async () => ({}));
    const answered = await warmUp(app);
    expect(answered).toBeGreaterThan(0);
    // /api/info failed with a 500: one fewer than the number of requests made.
    const all = Fastify();
    all.get("/api/*", async () => ({}));
    expect(answered).toBe((await warmUp(all)) - 1);
    await Promise.all([app.close(), all.close()]);
  });
});
