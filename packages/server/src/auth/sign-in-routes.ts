/**
 * /auth/login, /auth/callback and /auth/logout: signing in with the OpenID Connect provider and out.
 * Browser navigations, not API calls: public by design and left out of the OpenAPI document.
 *
 * Sessions are rows (store: `sessions`), not a stateless signed cookie: the cookie carries only a random
 * 256-bit id (signed, and stored as its SHA-256 hash), so signing out deletes the row and ends the session
 * everywhere at once, for every API process, even where a copy of the cookie survives. A stateless cookie
 * would stay valid until it expired. The price is one primary-key lookup per API request.
 */
import { randomBytes } from "node:crypto";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { ApiError } from "../api/errors.js";
import type { AuthStore } from "../store/store.js";
import { cookieNames, cookieOptions, SESSION_LIFETIME_MS, SIGN_IN_ATTEMPT_MS } from "./cookies.js";
import { CSRF_HEADER, checkCsrf } from "./csrf.js";
import type { OidcClient, SignInAttempt } from "./oidc.js";
import type { AuthSettings, OidcSettings } from "./settings.js";
import { hashSecret } from "./tokens.js";

export interface SignInOptions {
  readonly store: AuthStore;
  readonly settings: AuthSettings;
  readonly oidc: OidcSettings;
  readonly client: OidcClient;
}

export const CALLBACK_PATH = "/auth/callback";

export const signInRoutes: FastifyPluginAsync<SignInOptions> = async (
  app,
  { store, settings, oidc, client },
) => {
  const cookies = cookieNames(settings);
  const noStore = (reply: FastifyReply) => reply.header("cache-control", "no-store");

  app.get<{ Querystring: { returnTo?: string } }>(
    "/auth/login",
    { schema: { hide: true, querystring: { type: "object", properties: { returnTo: { type: "string" } } } } },
    async (request, reply) => {
      const { url, attempt } = await client.start(safeReturnTo(request.query.returnTo));
      noStore(reply).setCookie(
        cookies.signIn,
        JSON.stringify(attempt),
        cookieOptions(settings, SIGN_IN_ATTEMPT_MS),
      );
      return reply.redirect(url.href, 302);
    },
  );

  app.get(CALLBACK_PATH, { schema: { hide: true } }, async (request, reply) => {
    noStore(reply).clearCookie(cookies.signIn, { path: "/" });
    const attempt = signInAttempt(request, cookies.signIn);
    const query = request.query as Record<string, unknown>;
    if (typeof query.error === "string") {
      const detail = typeof query.error_description === "string" ? `: ${query.error_description}` : "";
      throw new ApiError("sign_in_failed", `The sign-in provider answered ${query.error}${detail}.`);
    }
    const identity = await client
      .finish(new URL(request.url, settings.publicUrl), attempt)
      .catch((error: unknown) => {
        if (error instanceof ApiError) throw error;
        request.log.warn({ err: error }, "sign-in failed");
        throw new ApiError(
          "sign_in_failed",
          `The sign-in could not be completed: ${(error as Error).message}`,
        );
      });
    const email = identity.email?.trim();
    if (email === undefined || email === "" || !identity.emailVerified) {
      throw new ApiError(
        "sign_in_refused",
        "Loupe needs a verified e-mail address from the sign-in provider.",
      );
    }
    const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
    if (!email.includes("@") || !oidc.allowedDomains.includes(domain)) {
      throw new ApiError("sign_in_refused", `${email} is not in an e-mail domain allowed to use Loupe.`);
    }
    // A fresh id at every sign-in: an id planted before it (session fixation) never becomes signed in.
    const sessionId = randomBytes(32).toString("base64url");
    const now = Date.now();
    await store.createSession(hashSecret(sessionId), {
      userId: email.toLowerCase(),
      email,
      name: identity.name,
      csrfToken: randomBytes(32).toString("base64url"),
      createdAt: now,
      expiresAt: now + SESSION_LIFETIME_MS,
    });
    reply.setCookie(cookies.session, sessionId, cookieOptions(settings, SESSION_LIFETIME_MS));
    return reply.redirect(attempt.returnTo, 302);
  });

  app.post("/auth/logout", { schema: { hide: true } }, async (request, reply) => {
    const raw = request.cookies[cookies.session];
    const unsigned = raw === undefined ? undefined : request.unsignCookie(raw);
    if (unsigned?.valid === true && unsigned.value !== null) {
      const idHash = hashSecret(unsigned.value);
      const session = await store.findSession(idHash, Date.now());
      // Another site must not be able to sign people out either.
      if (session !== undefined) checkCsrf(request.headers[CSRF_HEADER], session.csrfToken);
      await store.deleteSession(idHash);
    }
    noStore(reply).clearCookie(cookies.session, { path: "/" });
    return reply.code(204).send();
  });
};

/** The attempt this browser started, from its signed cookie. */
function signInAttempt(request: FastifyRequest, cookieName: string): SignInAttempt {
  const raw = request.cookies[cookieName];
  const unsigned = raw === undefined ? undefined : request.unsignCookie(raw);
  const attempt =
    unsigned?.valid === true && unsigned.value !== null ? parseAttempt(unsigned.value) : undefined;
  if (attempt === undefined) {
    throw new ApiError(
      "sign_in_failed",
      "No sign-in was started in this browser, or it took over 10 minutes: start again at /auth/login.",
    );
  }
  return attempt;
}

function parseAttempt(text: string): SignInAttempt | undefined {
  try {
    const value = JSON.parse(text) as Partial<SignInAttempt>;
    const fields = [value.verifier, value.state, value.nonce, value.returnTo];
    return fields.every((f) => typeof f === "string") ? (value as SignInAttempt) : undefined;
  } catch {
    return undefined;
  }
}

/** A path on this site only: never another origin (`//evil.example`, `/\evil.example`, `https://…`). */
export function safeReturnTo(value: string | undefined): string {
  if (value === undefined || value.length > 2000) return "/";
  return /^\/(?![/\\])[^\\\s\p{Cc}]*$/u.test(value) ? value : "/";
}
