// docs/deploy.md, "Sign-in and API tokens", run as written (with this machine's addresses for
// loupe.example.com and the provider): `loupe serve --role api` on 0.0.0.0 with OpenID Connect, the
// session secret from openssl, tokens created, listed and revoked with the CLI while the server runs,
// curl with a token, a Prometheus-style scrape, and a colleague signing in. On PostgreSQL when the test
// run has one (as the docs show), else on SQLite.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, signIn } from "../../server/src/auth/test-support/browser.js";
import {
  type LocalOidcProvider,
  startLocalOidcProvider,
} from "../../server/src/auth/test-support/local-oidc-provider.js";
import { freePort } from "../../server/src/dev/free-port.js";
import { storeFactories, type TestDatabase } from "../../server/src/test-support/store-factories.js";

const bin = fileURLToPath(new URL("../bin/loupe.js", import.meta.url));
const run = promisify(execFile);

/** `loupe …` as the docs show it; resolves with stdout (and stderr), rejects on a non-zero exit. */
const loupe = (...args: string[]) => run(process.execPath, [bin, ...args]);

describe("docs/deploy.md: sign-in and API tokens", () => {
  let database: TestDatabase;
  let provider: LocalOidcProvider;
  let server: ChildProcess;
  let output = "";
  let publicUrl: string;
  let dbFlags: string[];

  beforeAll(async () => {
    // PostgreSQL when available: the docs' --database-url.
    const factory = storeFactories[storeFactories.length - 1];
    if (factory === undefined) throw new Error("no database factory");
    database = await factory.create();
    const options = database.options;
    dbFlags =
      "databaseUrl" in options ? ["--database-url", options.databaseUrl] : ["--db", options.sqlitePath];

    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    provider = await startLocalOidcProvider(`${publicUrl}/auth/callback`);
    // export LOUPE_SESSION_SECRET="$(openssl rand -base64 48)"
    const sessionSecret = (await run("openssl", ["rand", "-base64", "48"])).stdout.trim();
    expect(Buffer.byteLength(sessionSecret)).toBeGreaterThanOrEqual(32);

    server = spawn(
      process.execPath,
      [
        bin,
        "serve",
        "--role",
        "api",
        "--host",
        "0.0.0.0",
        "--port",
        String(port),
        ...dbFlags,
        "--public-url",
        publicUrl,
        "--oidc-issuer",
        provider.issuer,
        "--oidc-client-id",
        provider.clientId,
        "--oidc-allowed-domain",
        "example.com",
      ],
      {
        stdio: ["ignore", "pipe", "pipe"],
        env: {
          ...process.env,
          LOUPE_OIDC_CLIENT_SECRET: provider.clientSecret,
          LOUPE_SESSION_SECRET: sessionSecret,
        },
      },
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Loupe is serving/.test(output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      server.stdout?.on("data", collect);
      server.stderr?.on("data", collect);
      server.once("exit", (code) => reject(new Error(`serve exited ${code}: ${output}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (server !== undefined && server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await provider?.close();
    await database?.dispose();
  });

  it("starts on 0.0.0.0 with sign-in configured, and says where to sign in", () => {
    // (Without sign-in the same command is refused: serve-cli.test.ts.)
    expect(output).toContain(
      `(API and dashboard only; sign-in at ${publicUrl}/auth/login with ${provider.issuer})`,
    );
  });

  it("lets scripts in with tokens from loupe token create, and out again with revoke", async () => {
    const grafana = await loupe("token", "create", "--name", "grafana", "--scope", "read", ...dbFlags);
    expect(grafana.stderr).toMatch(/created API token 1 'grafana'/);
    // TOKEN=$(loupe token create --name nightly-report --scope read …)
    const token = (
      await loupe("token", "create", "--name", "nightly-report", "--scope", "read", ...dbFlags)
    ).stdout.trim();
    const backend = await loupe("token", "create", "--name", "backend-eu", "--scope", "ingest", ...dbFlags);
    expect(backend.stderr).toMatch(/created API token 3 'backend-eu' \(scopes: ingest\)/);

    // curl -fsS -H "Authorization: Bearer $TOKEN" "https://loupe.example.com/api/connections?limit=10"
    const curl = (bearer: string, path: string) =>
      run("curl", ["-fsS", "-H", `Authorization: Bearer ${bearer}`, `${publicUrl}${path}`]);
    const page = JSON.parse((await curl(token, "/api/connections?limit=10")).stdout);
    expect(page).toMatchObject({ items: [], total: 0 });
    // Without a token, and with the ingest-only one: refused (curl -f exits 22 on an HTTP error).
    await expect(run("curl", ["-fsS", `${publicUrl}/api/connections?limit=10`])).rejects.toMatchObject({
      code: 22,
    });
    await expect(curl(backend.stdout.trim(), "/api/connections?limit=10")).rejects.toMatchObject({
      code: 22,
    });

    // Prometheus scrapes /metrics with the grafana (read) token.
    expect((await curl(grafana.stdout.trim(), "/metrics")).stdout).toMatch(
      /loupe_http_request_duration_seconds/,
    );

    const list = await loupe("token", "list", ...dbFlags);
    expect(list.stdout).toMatch(
      /^2\s+nightly-report\s+read\s+\S+ \S+\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+active$/m,
    );

    // loupe token revoke 2: the running server refuses the token at once.
    expect((await loupe("token", "revoke", "2", ...dbFlags)).stdout).toBe(
      "revoked API token 2 'nightly-report'\n",
    );
    await expect(curl(token, "/api/connections?limit=10")).rejects.toMatchObject({ code: 22 });
    expect((await loupe("token", "list", ...dbFlags)).stdout).toMatch(/^2\s+nightly-report.*revoked/m);
  });

  it("signs a colleague in through the provider", async () => {
    const browser = new Browser();
    await signIn(browser, publicUrl, "ada@example.com");
    const info = await browser.request(`${publicUrl}/api/info`);
    expect(info.status).toBe(200);
    expect(await info.json()).toMatchObject({ user: { email: "ada@example.com" }, openAccess: false });
  });
});
