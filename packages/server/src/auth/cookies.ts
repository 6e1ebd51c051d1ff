/**
 * The two cookies sign-in uses: the session's (its random id) and the sign-in attempt's (PKCE verifier,
 * state, nonce, where to go back to). Both signed with the session secret, HTTP-only (no script reads
 * them) and SameSite=Lax: sent on top-level navigations, such as the provider's redirect back to
 * /auth/callback, but not on cross-site POST, PUT or DELETE. Behind https they are `Secure` and named
 * `__Host-…`, which browsers accept only from a secure origin, for the whole host and no other domain.
 */
import type { CookieSerializeOptions } from "@fastify/cookie";
import type { AuthSettings } from "./settings.js";

/** A session lasts a working day; the provider's own session usually makes the next sign-in one click. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Time to complete the provider's sign-in page. */
export const SIGN_IN_ATTEMPT_MS = 10 * 60 * 1000;

export interface CookieNames {
  readonly session: string;
  readonly signIn: string;
}

export function isSecure(settings: AuthSettings): boolean {
  return new URL(settings.publicUrl).protocol === "https:";
}

export function cookieNames(settings: AuthSettings): CookieNames {
  const prefix = isSecure(settings) ? "__Host-" : "";
  return { session: `${prefix}loupe_session`, signIn: `${prefix}loupe_sign_in` };
}

export function cookieOptions(settings: AuthSettings, maxAgeMs: number): CookieSerializeOptions {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: isSecure(settings),
    signed: true,
    maxAge: Math.floor(maxAgeMs / 1000),
  };
}
