/**
 * API tokens for scripts, uploads and scrapers: `loupe_` followed by 43 base64url characters (32 random
 * bytes), shown once when created and stored only as their SHA-256 hash.
 *
 * Why SHA-256 and not bcrypt/scrypt/argon2: a slow hash exists to make guessing low-entropy secrets
 * (passwords people chose) expensive once the hashes leak. 256 random bits cannot be guessed at any
 * hashing speed, so slowness would buy nothing, while a fast, unsalted hash lets every request find its
 * token with one indexed lookup instead of ~100 ms of CPU per request.
 */
import { createHash, randomBytes } from "node:crypto";
import { API_SCOPES, type ApiScope, type ApiTokenRecord, type AuthStore } from "../store/store.js";

/** Recognisable in logs, config files and secret scanners. */
export const TOKEN_PREFIX = "loupe_";
const TOKEN_PATTERN = /^loupe_[A-Za-z0-9_-]{43}$/;
const NAME_MAX = 100;

/** A mistake in what the operator asked for (bad name, unknown scope): refused with this message. */
export class TokenInputError extends Error {
  override readonly name = "TokenInputError";
}

export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** Hex SHA-256 of a high-entropy secret (API tokens, session ids): what the database stores. */
export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** The token's shape: anything else is refused without a database lookup. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** Scopes as given on the command line (`--scope read --scope ingest`, or `read,ingest`), checked. */
export function parseScopes(values: readonly string[]): ApiScope[] {
  const words = values.flatMap((v) => v.split(/[\s,]+/)).filter((w) => w !== "");
  if (words.length === 0) throw new TokenInputError(`give at least one --scope (${API_SCOPES.join(" or ")})`);
  const scopes = new Set<ApiScope>();
  for (const word of words) {
    const scope = API_SCOPES.find((s) => s === word);
    if (scope === undefined)
      throw new TokenInputError(`unknown scope '${word}': expected ${API_SCOPES.join(" or ")}`);
    scopes.add(scope);
  }
  return API_SCOPES.filter((s) => scopes.has(s));
}

export function checkTokenName(name: string | undefined): string {
  const trimmed = name?.trim() ?? "";
  if (trimmed === "") throw new TokenInputError("give the token a --name (who or what uses it)");
  if (trimmed.length > NAME_MAX) throw new TokenInputError(`--name is over ${NAME_MAX} characters`);
  // The name is printed in tables and logs: no control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: that is the point
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) throw new TokenInputError("--name has control characters");
  return trimmed;
}

/** Creates a token: the secret is returned here, once, and never stored. */
export async function issueToken(
  store: Pick<AuthStore, "createApiToken">,
  input: { readonly name: string | undefined; readonly scopes: readonly string[] },
  now: number = Date.now(),
): Promise<{ token: string; record: ApiTokenRecord }> {
  const name = checkTokenName(input.name);
  const scopes = parseScopes(input.scopes);
  const token = generateToken();
  const record = await store.createApiToken({ name, tokenHash: hashSecret(token), scopes, now });
  return { token, record };
}
