/**
 * Who is calling: resolved from the request's credentials, at most once per request, only by routes
 * that require a scope (the page's files and the health checks never touch the database for it).
 *
 * - No auth configured: everyone is the open-access caller (loopback only, config.ts).
 * - `Authorization: Bearer loupe_…`: the API token with that hash, unless revoked. A malformed or
 *   unknown token is refused rather than ignored, so a script's mistake shows at once. Other schemes
 *   (a reverse proxy's Basic authentication, passed along) are left alone.
 * - Otherwise the signed session cookie: the session with that id's hash, unless expired.
 */
import { timingSafeEqual } from "node:crypto";
import type { FastifyRequest } from "fastify";
import { ApiError } from "../api/errors.js";
import { API_SCOPES, type ApiScope, type AuthStore, DEFAULT_USER_ID } from "../store/store.js";
import type { CookieNames } from "./cookies.js";
import { hashSecret, looksLikeToken } from "./tokens.js";

export interface Caller {
  readonly kind: "open" | "warm-up" | "token" | "session";
  /** Whose bookmarks. */
  readonly userId: string;
  readonly scopes: readonly ApiScope[];
  /** Signed-in users only. */
  readonly session?: {
    readonly idHash: string;
    readonly email: string;
    readonly name: string | null;
    readonly csrfToken: string;
  };
}

export const OPEN_CALLER: Caller = { kind: "open", userId: DEFAULT_USER_ID, scopes: API_SCOPES };
/** `loupe serve`'s own warm-up requests (api/warm-up.ts). */
const WARM_UP_CALLER: Caller = { kind: "warm-up", userId: DEFAULT_USER_ID, scopes: ["read"] };
/** Signed-in people read (and bookmark); only tokens ingest. */
const SESSION_SCOPES: readonly ApiScope[] = ["read"];
/** `last_used_at` is a hint for the operator: written at most this often per token, not per request. */
const LAST_USED_GRANULARITY_MS = 60_000;

export const BEARER_CHALLENGE = 'Bearer realm="loupe"';

export interface CallerResolver {
  /** undefined: no credentials (or an expired session). Throws `invalid_token` for a bad token. */
  resolve(request: FastifyRequest): Promise<Caller | undefined>;
}

export function createCallerResolver(options: {
  readonly store: Pick<AuthStore, "findApiToken" | "markApiTokenUsed" | "findSession">;
  readonly cookies: CookieNames;
  readonly warmUpToken: string;
}): CallerResolver {
  const { store, cookies } = options;
  const warmUp = Buffer.from(options.warmUpToken);
  return {
    async resolve(request) {
      const authorization = request.headers.authorization;
      // Other schemes are not ours (e.g. a proxy's Basic authentication passed along): the cookie decides.
      if (authorization !== undefined && /^Bearer(\s|$)/i.test(authorization)) {
        const token = /^Bearer +(\S+) *$/i.exec(authorization)?.[1];
        if (token === undefined) throw invalidToken("send the token as 'Authorization: Bearer loupe_…'");
        const given = Buffer.from(token);
        if (given.length === warmUp.length && timingSafeEqual(given, warmUp)) return WARM_UP_CALLER;
        if (!looksLikeToken(token)) throw invalidToken("this is not a Loupe API token");
        const record = await store.findApiToken(hashSecret(token));
        if (record === undefined || record.revokedAt !== null)
          throw invalidToken("the API token is unknown or revoked");
        const now = Date.now();
        if (record.lastUsedAt === null || now - record.lastUsedAt >= LAST_USED_GRANULARITY_MS) {
          // Not awaited: the request does not wait for a bookkeeping write, nor fail with it.
          store.markApiTokenUsed(record.id, now).catch((error: unknown) => {
            request.log.warn({ err: error }, "could not record an API token's use");
          });
        }
        return { kind: "token", userId: `token:${record.id}`, scopes: record.scopes };
      }
      const raw = request.cookies?.[cookies.session];
      if (raw === undefined) return undefined;
      const unsigned = request.unsignCookie(raw);
      if (!unsigned.valid || unsigned.value === null) return undefined;
      const idHash = hashSecret(unsigned.value);
      const session = await store.findSession(idHash, Date.now());
      if (session === undefined) return undefined;
      return {
        kind: "session",
        userId: session.userId,
        scopes: SESSION_SCOPES,
        session: { idHash, email: session.email, name: session.name, csrfToken: session.csrfToken },
      };
    },
  };
}

function invalidToken(message: string): ApiError {
  return new ApiError("invalid_token", `${message}.`, {
    "www-authenticate": `${BEARER_CHALLENGE}, error="invalid_token"`,
  });
}
