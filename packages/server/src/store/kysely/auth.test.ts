import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rawExec, rawRows } from "../../test-support/raw-query.js";
import { type StoreFactory, storeFactories, type TestDatabase } from "../../test-support/store-factories.js";
import type { SessionRecord } from "../store.js";

const NOW = 1_700_000_000_000;
const HASH_A = "a".repeat(64);
const HASH_B = "b".repeat(64);

function session(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    userId: "ada@example.com",
    email: "Ada@example.com",
    name: "Ada",
    csrfToken: "csrf-1",
    createdAt: NOW,
    expiresAt: NOW + 60_000,
    ...overrides,
  };
}

describe.each(storeFactories)("API tokens and sessions on $dialect", (factory: StoreFactory) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await factory.create();
  });
  afterEach(async () => {
    await database.dispose();
  });

  it("creates, finds, lists and revokes tokens; a revocation keeps its first time", async () => {
    const { store } = database;
    const a = await store.createApiToken({ name: "ci", tokenHash: HASH_A, scopes: ["ingest"], now: NOW });
    const b = await store.createApiToken({
      name: "grafana",
      tokenHash: HASH_B,
      scopes: ["read", "ingest"],
      now: NOW + 1,
    });
    expect(a).toEqual({
      id: a.id,
      name: "ci",
      scopes: ["ingest"],
      createdAt: NOW,
      lastUsedAt: null,
      revokedAt: null,
    });
    expect(b.id).toBeGreaterThan(a.id);
    expect(await store.findApiToken(HASH_B)).toEqual(b);
    expect(await store.findApiToken("c".repeat(64))).toBeUndefined();
    expect((await store.listApiTokens()).map((t) => t.name)).toEqual(["ci", "grafana"]);

    await store.markApiTokenUsed(a.id, NOW + 5);
    expect((await store.findApiToken(HASH_A))?.lastUsedAt).toBe(NOW + 5);

    const revoked = await store.revokeApiToken(a.id, NOW + 10);
    expect(revoked).toEqual({ record: { ...a, lastUsedAt: NOW + 5, revokedAt: NOW + 10 }, revokedNow: true });
    const again = await store.revokeApiToken(a.id, NOW + 20);
    expect(again?.revokedNow).toBe(false);
    expect(again?.record.revokedAt).toBe(NOW + 10);
    expect(await store.revokeApiToken(9999, NOW)).toBeUndefined();
    // Revoked tokens stay listed (and findable, for the guard to refuse by name).
    expect((await store.findApiToken(HASH_A))?.revokedAt).toBe(NOW + 10);
    expect((await store.listApiTokens()).map((t) => t.revokedAt)).toEqual([NOW + 10, null]);
  });

  it("refuses a second token with the same hash", async () => {
    const { store } = database;
    await store.createApiToken({ name: "one", tokenHash: HASH_A, scopes: ["read"], now: NOW });
    await expect(
      store.createApiToken({ name: "two", tokenHash: HASH_A, scopes: ["read"], now: NOW }),
    ).rejects.toThrow();
  });

  it("grants nothing for scope words it does not know", async () => {
    const { store } = database;
    await store.createApiToken({ name: "odd", tokenHash: HASH_A, scopes: ["read"], now: NOW });
    // As a later version might have written it.
    await rawExec(database.options, "update api_tokens set scopes = 'read admin'");
    expect((await store.findApiToken(HASH_A))?.scopes).toEqual(["read"]);
  });

  it("stores sessions by hash, finds them until they expire, deletes them on logout and when stale", async () => {
    const { store } = database;
    await store.createSession(HASH_A, session());
    expect(await store.findSession(HASH_A, NOW + 59_999)).toEqual(session());
    expect(await store.findSession(HASH_A, NOW + 60_000)).toBeUndefined();
    expect(await store.findSession(HASH_B, NOW)).toBeUndefined();

    // A later sign-in sweeps the expired one away.
    await store.createSession(HASH_B, session({ createdAt: NOW + 60_000, expiresAt: NOW + 120_000 }));
    const rows = await rawRows<{ id_hash: string }>(database.options, "select id_hash from sessions");
    expect(rows.map((r) => r.id_hash)).toEqual([HASH_B]);

    await store.deleteSession(HASH_B);
    expect(await store.findSession(HASH_B, NOW + 60_001)).toBeUndefined();
  });
});
