/** API tokens and sign-in sessions (migrations/004-auth.ts). */
import type { Selectable } from "kysely";
import { API_SCOPES, type ApiScope, type ApiTokenRecord, type SessionRecord } from "../store.js";
import type { ApiTokensTable, StoreContext } from "./database.js";

const TOKEN_COLUMNS = ["id", "name", "scopes", "created_at", "last_used_at", "revoked_at"] as const;

type TokenRow = Pick<Selectable<ApiTokensTable>, (typeof TOKEN_COLUMNS)[number]>;

function toToken(row: TokenRow): ApiTokenRecord {
  return {
    id: Number(row.id),
    name: row.name,
    // Unknown words (a scope a later version added, then rolled back) grant nothing.
    scopes: row.scopes.split(" ").filter((s): s is ApiScope => API_SCOPES.includes(s as ApiScope)),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function createApiToken(
  { db }: StoreContext,
  token: { name: string; tokenHash: string; scopes: readonly ApiScope[]; now: number },
): Promise<ApiTokenRecord> {
  const row = await db
    .insertInto("api_tokens")
    .values({
      name: token.name,
      token_hash: token.tokenHash,
      scopes: token.scopes.join(" "),
      created_at: token.now,
      last_used_at: null,
      revoked_at: null,
    })
    .returning(TOKEN_COLUMNS)
    .executeTakeFirstOrThrow();
  return toToken(row);
}

export async function listApiTokens({ db }: StoreContext): Promise<ApiTokenRecord[]> {
  const rows = await db.selectFrom("api_tokens").select(TOKEN_COLUMNS).orderBy("id").execute();
  return rows.map(toToken);
}

export async function findApiToken(
  { db }: StoreContext,
  tokenHash: string,
): Promise<ApiTokenRecord | undefined> {
  const row = await db
    .selectFrom("api_tokens")
    .select(TOKEN_COLUMNS)
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  return row === undefined ? undefined : toToken(row);
}

export async function revokeApiToken(
  { db }: StoreContext,
  id: number,
  now: number,
): Promise<{ record: ApiTokenRecord; revokedNow: boolean } | undefined> {
  const updated = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  const row = await db.selectFrom("api_tokens").select(TOKEN_COLUMNS).where("id", "=", id).executeTakeFirst();
  if (row === undefined) return undefined;
  return { record: toToken(row), revokedNow: Number(updated.numUpdatedRows) > 0 };
}

export async function markApiTokenUsed({ db }: StoreContext, id: number, now: number): Promise<void> {
  await db.updateTable("api_tokens").set({ last_used_at: now }).where("id", "=", id).execute();
}

export async function createSession(
  { db }: StoreContext,
  idHash: string,
  session: SessionRecord,
): Promise<void> {
  // Housekeeping on a rare write rather than a timer: one range delete on the expiry index.
  await db.deleteFrom("sessions").where("expires_at", "<=", session.createdAt).execute();
  await db
    .insertInto("sessions")
    .values({
      id_hash: idHash,
      user_id: session.userId,
      email: session.email,
      name: session.name,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

export async function findSession(
  { db }: StoreContext,
  idHash: string,
  now: number,
): Promise<SessionRecord | undefined> {
  const row = await db
    .selectFrom("sessions")
    .selectAll()
    .where("id_hash", "=", idHash)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    userId: row.user_id,
    email: row.email,
    name: row.name,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function deleteSession({ db }: StoreContext, idHash: string): Promise<void> {
  await db.deleteFrom("sessions").where("id_hash", "=", idHash).execute();
}
