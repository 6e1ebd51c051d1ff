/**
 * `loupe token create|list|revoke`: the operator's side of API tokens, on the database `--db` or
 * `--database-url` names. Each call opens the store (migrating it, as every process does), acts and closes.
 */
import { existsSync } from "node:fs";
import { type DatabaseConfig, openStore } from "../store/open-store.js";
import type { ApiTokenRecord, AuthStore } from "../store/store.js";
import { issueToken, TokenInputError } from "./tokens.js";

async function withAuthStore<T>(config: DatabaseConfig, run: (store: AuthStore) => Promise<T>): Promise<T> {
  // A mistyped --db must not quietly create an empty database and a token nobody's server reads.
  if (config.databaseUrl === undefined && !existsSync(config.db)) {
    throw new TokenInputError(
      `no database at ${config.db}: pass --db PATH (or --database-url URL) of the database loupe serve uses`,
    );
  }
  const store = await openStore(config);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** The new token's secret (to show once) and its record. */
export function createApiToken(
  config: DatabaseConfig,
  input: { readonly name: string | undefined; readonly scopes: readonly string[] },
): Promise<{ token: string; record: ApiTokenRecord }> {
  return withAuthStore(config, (store) => issueToken(store, input));
}

export function listApiTokens(config: DatabaseConfig): Promise<readonly ApiTokenRecord[]> {
  return withAuthStore(config, (store) => store.listApiTokens());
}

/** Revokes token `id` (`alreadyRevoked` when it was); refuses an id that names no token. */
export function revokeApiToken(
  config: DatabaseConfig,
  id: number,
): Promise<{ record: ApiTokenRecord; alreadyRevoked: boolean }> {
  return withAuthStore(config, async (store) => {
    const revoked = await store.revokeApiToken(id, Date.now());
    if (revoked === undefined) throw new TokenInputError(`no API token with id ${id} (see loupe token list)`);
    return { record: revoked.record, alreadyRevoked: !revoked.revokedNow };
  });
}
