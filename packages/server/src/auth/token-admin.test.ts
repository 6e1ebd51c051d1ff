import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DatabaseConfig } from "../store/open-store.js";
import { rawRows } from "../test-support/raw-query.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../test-support/store-factories.js";
import { createApiToken, listApiTokens, revokeApiToken } from "./token-admin.js";
import { hashSecret, TokenInputError } from "./tokens.js";

describe.each(storeFactories)("token administration on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  let config: DatabaseConfig;
  beforeEach(async () => {
    database = await factory.create();
    const options = database.options;
    config =
      "sqlitePath" in options
        ? { db: options.sqlitePath, databaseUrl: undefined }
        : { db: "unused.db", databaseUrl: options.databaseUrl };
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("creates, lists and revokes; the database holds the hash, never the token", async () => {
    const ci = await createApiToken(config, { name: "ci", scopes: ["ingest"] });
    const grafana = await createApiToken(config, { name: "grafana", scopes: ["read"] });
    expect(ci.token).not.toBe(grafana.token);

    const rows = await rawRows<{ id: number; token_hash: string; scopes: string }>(
      database.options,
      "select id, token_hash, scopes from api_tokens order by id",
    );
    expect(rows.map((r) => r.token_hash)).toEqual([hashSecret(ci.token), hashSecret(grafana.token)]);
    expect(rows.map((r) => r.scopes)).toEqual(["ingest", "read"]);
    const everything = JSON.stringify(await rawRows(database.options, "select * from api_tokens"));
    for (const { token } of [ci, grafana]) expect(everything).not.toContain(token.slice(6));

    expect((await listApiTokens(config)).map((t) => [t.name, t.revokedAt])).toEqual([
      ["ci", null],
      ["grafana", null],
    ]);
    const revoked = await revokeApiToken(config, ci.record.id);
    expect(revoked.alreadyRevoked).toBe(false);
    expect(revoked.record.revokedAt).toEqual(expect.any(Number));
    expect((await revokeApiToken(config, ci.record.id)).alreadyRevoked).toBe(true);
    expect((await listApiTokens(config)).find((t) => t.name === "ci")?.revokedAt).toBe(
      revoked.record.revokedAt,
    );
    await expect(revokeApiToken(config, 4242)).rejects.toThrow(/no API token with id 4242/);
  });

  it("refuses bad input and stores nothing", async () => {
    await expect(createApiToken(config, { name: "x", scopes: ["write"] })).rejects.toThrow(TokenInputError);
    await expect(createApiToken(config, { name: "", scopes: ["read"] })).rejects.toThrow(/--name/);
    expect(await listApiTokens(config)).toEqual([]);
  });
});

describe("token administration on a SQLite file that does not exist", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "loupe-token-"));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  it("refuses rather than creating an empty database", async () => {
    const config = { db: join(directory, "typo.db"), databaseUrl: undefined };
    await expect(listApiTokens(config)).rejects.toThrow(/no database at .*typo\.db/);
    await expect(createApiToken(config, { name: "ci", scopes: ["read"] })).rejects.toThrow(TokenInputError);
  });
});
