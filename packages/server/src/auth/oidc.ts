/**
 * The OpenID Connect side of sign-in, with openid-client: the Authorization Code flow with PKCE (S256),
 * state and nonce, all three fresh for every attempt. The provider's metadata is discovered on the first
 * sign-in, not at start: a provider that is down must not stop Loupe from starting (API tokens keep
 * working); a failed discovery is tried again on the next sign-in.
 */
import * as client from "openid-client";
import { ApiError } from "../api/errors.js";
import type { OidcSettings } from "./settings.js";

/** What the sign-in cookie remembers between /auth/login and /auth/callback. */
export interface SignInAttempt {
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
  /** A path of this site to land on afterwards. */
  readonly returnTo: string;
}

export interface Identity {
  readonly subject: string;
  readonly email: string | undefined;
  readonly emailVerified: boolean;
  readonly name: string | null;
}

export interface OidcClient {
  /** Where to send the browser, and the attempt to remember. */
  start(returnTo: string): Promise<{ url: URL; attempt: SignInAttempt }>;
  /** Checks the provider's answer against the attempt, redeems the code, and says who signed in. */
  finish(callbackUrl: URL, attempt: SignInAttempt): Promise<Identity>;
}

const TIMEOUT_SECONDS = 10;
const SCOPE = "openid email profile";

export function createOidcClient(settings: OidcSettings, redirectUri: string): OidcClient {
  let discovered: Promise<client.Configuration> | undefined;
  const configuration = (): Promise<client.Configuration> => {
    discovered ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        undefined,
        // The spec's default method, which every provider supports.
        client.ClientSecretBasic(settings.clientSecret),
        {
          timeout: TIMEOUT_SECONDS,
          // config.ts allows http:// issuers on loopback only (a provider on this machine).
          execute: new URL(settings.issuer).protocol === "http:" ? [client.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw new ApiError(
          "unavailable",
          `The sign-in provider cannot be reached: ${(error as Error).message}`,
        );
      });
    return discovered;
  };

  return {
    async start(returnTo) {
      const config = await configuration();
      const attempt: SignInAttempt = {
        verifier: client.randomPKCECodeVerifier(),
        state: client.randomState(),
        nonce: client.randomNonce(),
        returnTo,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: SCOPE,
        code_challenge: await client.calculatePKCECodeChallenge(attempt.verifier),
        code_challenge_method: "S256",
        state: attempt.state,
        nonce: attempt.nonce,
      });
      return { url, attempt };
    },

    async finish(callbackUrl, attempt) {
      const config = await configuration();
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (claims === undefined) throw new Error("the provider sent no ID token");
      // Many providers put e-mail claims in the UserInfo answer only, not in the ID token.
      const profile =
        claims.email === undefined || claims.email_verified === undefined
          ? { ...claims, ...(await client.fetchUserInfo(config, tokens.access_token, claims.sub)) }
          : claims;
      return {
        subject: claims.sub,
        email: typeof profile.email === "string" ? profile.email : undefined,
        // Some providers send the string "true".
        emailVerified: profile.email_verified === true || profile.email_verified === "true",
        name: typeof profile.name === "string" && profile.name !== "" ? profile.name : null,
      };
    },
  };
}
