// A worker (`loupe serve --role worker`) given the sign-in settings guards its /metrics like the API
// processes do, and keeps its probes open for the orchestrator.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "./auth/tokens.js";
import { parseServeConfig } from "./config/config.js";
import { type RunningServer, serve } from "./serve.js";
import { openStore } from "./store/open-store.js";

const SIGN_IN_ENV = {
  LOUPE_OIDC_ISSUER: "https://login.example.com",
  LOUPE_OIDC_CLIENT_ID: "loupe",
  LOUPE_OIDC_CLIENT_SECRET: "secret",
  LOUPE_OIDC_ALLOWED_DOMAINS: "example.com",
  LOUPE_PUBLIC_URL: "https://loupe.example.com",
  LOUPE_SESSION_SECRET: "a session secret of at least 32 bytes!",
};

describe("a worker with sign-in configured", () => {
  let directory: string;
  let worker: RunningServer;
  let token: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "loupe-worker-auth-"));
    const db = join(directory, "loupe.db");
    const config = parseServeConfig(
      ["--role", "worker", "--allow-source", "https://logs.example.com/", "--port", "0", "--db", db],
      SIGN_IN_ENV,
    );
    worker = await serve(config);
    const store = await openStore(config);
    token = (await issueToken(store, { name: "prometheus", scopes: ["read"] })).token;
    await store.close();
  });
  afterAll(async () => {
    await worker?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("answers /metrics to a read token only, and the probes to anyone", async () => {
    expect((await fetch(`${worker.url}/metrics`)).status).toBe(401);
    const scraped = await fetch(`${worker.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toMatch(/loupe_logs/);
    expect((await fetch(`${worker.url}/healthz`)).status).toBe(200);
  });
});
