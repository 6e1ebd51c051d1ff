// `loupe token create|list|revoke` as an operator runs it: a real process on a real database, SQLite and
// (when the test run has one) PostgreSQL; then the database read directly to check what was stored.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRows } from "../../server/src/test-support/raw-query.js";
import {
  type StoreFactory,
  sqliteFactory,
  storeFactories,
  type TestDatabase,
} from "../../server/src/test-support/store-factories.js";

const bin = fileURLToPath(new URL("../bin/loupe.js", import.meta.url));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: readonly string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    // The database comes from the flags or `env` only, never from the test runner's environment.
    const { LOUPE_DB: _db, LOUPE_DATABASE_URL: _url, ...inherited } = process.env;
    const child = spawn(process.execPath, [bin, ...args], { env: { ...inherited, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe.each(storeFactories)("loupe token on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  let flags: string[];

  beforeAll(async () => {
    database = await factory.create();
    const options = database.options;
    flags = "sqlitePath" in options ? ["--db", options.sqlitePath] : ["--database-url", options.databaseUrl];
  });
  afterAll(() => database.dispose());

  it("creates tokens (shown once, stored hashed), lists and revokes them", async () => {
    const ci = await run(["token", "create", "--name", "ci upload", "--scope", "ingest", ...flags]);
    expect(ci.status, ci.stderr).toBe(0);
    expect(ci.stdout).toMatch(/^loupe_[A-Za-z0-9_-]{43}\n$/);
    expect(ci.stderr).toMatch(/created API token 1 'ci upload' \(scopes: ingest\)/);
    expect(ci.stderr).toMatch(/shown only this once/);
    const grafana = await run([
      "token",
      "create",
      "--name",
      "grafana",
      "--scope",
      "read",
      "--scope",
      "ingest",
      ...flags,
    ]);
    expect(grafana.stderr).toMatch(/created API token 2 'grafana' \(scopes: read, ingest\)/);

    const stored = JSON.stringify(await rawRows(database.options, "select * from api_tokens"));
    for (const secret of [ci.stdout.trim(), grafana.stdout.trim()])
      expect(stored).not.toContain(secret.slice(6));

    const list = await run(["token", "list", ...flags]);
    expect(list.status).toBe(0);
    const lines = list.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SCOPES\s+CREATED\s+LAST USED\s+STATUS$/);
    expect(lines[1]).toMatch(/^1\s+ci upload\s+ingest\s+\d{4}-\d\d-\d\d \d\d:\d\dZ\s+never\s+active$/);
    expect(lines[2]).toMatch(/^2\s+grafana\s+read,ingest\s+.*\s+active$/);
    expect(list.stdout).not.toContain("loupe_");

    const revoke = await run(["token", "revoke", "1", ...flags]);
    expect(revoke.status).toBe(0);
    expect(revoke.stdout).toBe("revoked API token 1 'ci upload'\n");
    const again = await run(["token", "revoke", "1", ...flags]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/API token 1 'ci upload' was already revoked \(\d{4}-.*Z\)/);
    expect((await run(["token", "list", ...flags])).stdout).toMatch(/\n1\s+ci upload.*revoked \d{4}-/);

    const unknown = await run(["token", "revoke", "99", ...flags]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no API token with id 99/);
  });

  it("takes the database from LOUPE_DB / LOUPE_DATABASE_URL too", async () => {
    const env: Record<string, string> =
      "sqlitePath" in database.options
        ? { LOUPE_DB: database.options.sqlitePath }
        : { LOUPE_DATABASE_URL: database.options.databaseUrl };
    const list = await run(["token", "list"], env);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/ci upload/);
  });
});

describe("loupe token refuses mistakes", () => {
  let directory: string;
  let db: TestDatabase;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "loupe-token-cli-"));
    db = await sqliteFactory.create();
  });
  afterAll(async () => {
    await db.dispose();
    await rm(directory, { recursive: true, force: true });
  });

  it("with exit status 2 and a message saying what is wrong", async () => {
    const flags = ["--db", "sqlitePath" in db.options ? db.options.sqlitePath : ""];
    const cases: [string[], RegExp][] = [
      [
        ["token", "create", "--name", "x", "--scope", "admin", ...flags],
        /unknown scope 'admin': expected read or ingest/,
      ],
      [["token", "create", "--name", "x", ...flags], /at least one --scope/],
      [["token", "create", "--scope", "read", ...flags], /--name/],
      [["token", "revoke", "one", ...flags], /expected a token id/],
      [["token", "list", "--scope", "read", ...flags], /--scope is for loupe token create/],
      [["token", "list", "--db", join(directory, "typo.db")], /no database at .*typo\.db/],
      [["token", "list", "--database-url", "mysql://x"], /--database-url must be a postgres:\/\/ URL/],
      [["token", "list", "--bogus"], /Unknown option '--bogus'/],
      [["token"], /usage: loupe token create/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
    }
  });

  it("with exit status 1 when the database cannot be reached", async () => {
    const result = await run(["token", "list", "--database-url", "postgres://loupe@127.0.0.1:9/none"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^loupe: cannot reach the database: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it("explains itself with --help", async () => {
    const help = await run(["token", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Authorization: Bearer loupe_/);
    expect((await run(["help"])).stdout).toMatch(/loupe token create\|list\|revoke/);
  });
});
