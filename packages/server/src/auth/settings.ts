/** How the API authenticates, as config.ts parsed it. No settings at all means open access (loopback only). */

export interface OidcSettings {
  /** The provider's issuer URL; its discovery document is read from `/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** E-mail domains whose verified addresses may sign in (lower-case, exact match). */
  readonly allowedDomains: readonly string[];
}

export interface AuthSettings {
  /** Signs the cookies (HMAC-SHA256); at least 32 bytes. Shared by every API process of one deployment. */
  readonly sessionSecret: string;
  /**
   * Where users reach Loupe, e.g. https://loupe.example.com: the OIDC redirect URI is built on it, and an
   * https URL makes the cookies `Secure` and `__Host-` prefixed.
   */
  readonly publicUrl: string;
  /** Sign-in; without it only API tokens get in (tests, workers' /metrics). */
  readonly oidc?: OidcSettings;
}
