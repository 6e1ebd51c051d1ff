/**
 * Sign-in configuration (OpenID Connect), part of `loupe serve`'s config: all of it or none of it.
 * None means open access, which config.ts allows on loopback only. Secrets come from the environment
 * only: command lines are visible to every user of the machine (`ps`).
 */
import type { AuthSettings } from "../auth/settings.js";
import { ConfigError, type Env, isLoopback } from "./values.js";

export interface AuthFlagValues {
  readonly "oidc-issuer"?: string | undefined;
  readonly "oidc-client-id"?: string | undefined;
  readonly "oidc-allowed-domain"?: readonly string[] | undefined;
  readonly "public-url"?: string | undefined;
}

export const AUTH_OPTIONS = {
  "oidc-issuer": { type: "string" },
  "oidc-client-id": { type: "string" },
  "oidc-allowed-domain": { type: "string", multiple: true },
  "public-url": { type: "string" },
} as const;

const MIN_SECRET_BYTES = 32;

/** What to configure, for the messages that refuse a start. */
export const SIGN_IN_SETTINGS =
  "--oidc-issuer, --oidc-client-id, LOUPE_OIDC_CLIENT_SECRET, --oidc-allowed-domain, --public-url " +
  'and LOUPE_SESSION_SECRET (docs/deploy.md, "Sign-in and API tokens")';

export function parseAuthConfig(values: AuthFlagValues, env: Env): AuthSettings | undefined {
  const given = {
    "--oidc-issuer (LOUPE_OIDC_ISSUER)": values["oidc-issuer"] ?? env.LOUPE_OIDC_ISSUER,
    "--oidc-client-id (LOUPE_OIDC_CLIENT_ID)": values["oidc-client-id"] ?? env.LOUPE_OIDC_CLIENT_ID,
    LOUPE_OIDC_CLIENT_SECRET: env.LOUPE_OIDC_CLIENT_SECRET,
    "--oidc-allowed-domain (LOUPE_OIDC_ALLOWED_DOMAINS)": list(
      values["oidc-allowed-domain"],
      env.LOUPE_OIDC_ALLOWED_DOMAINS,
    ),
    "--public-url (LOUPE_PUBLIC_URL)": values["public-url"] ?? env.LOUPE_PUBLIC_URL,
    LOUPE_SESSION_SECRET: env.LOUPE_SESSION_SECRET,
  };
  const missing = Object.entries(given)
    .filter(
      ([, value]) => value === undefined || value === "" || (Array.isArray(value) && value.length === 0),
    )
    .map(([name]) => name);
  if (missing.length === Object.keys(given).length) return undefined;
  if (missing.length > 0) {
    throw new ConfigError(`sign-in is partly configured: also set ${missing.join(", ")}`);
  }
  const issuer = checkUrl("--oidc-issuer", given["--oidc-issuer (LOUPE_OIDC_ISSUER)"] as string, true);
  const publicUrl = checkUrl("--public-url", given["--public-url (LOUPE_PUBLIC_URL)"] as string, false);
  const sessionSecret = given.LOUPE_SESSION_SECRET as string;
  if (Buffer.byteLength(sessionSecret) < MIN_SECRET_BYTES) {
    throw new ConfigError(
      `LOUPE_SESSION_SECRET must be at least ${MIN_SECRET_BYTES} bytes (e.g. openssl rand -base64 48); ` +
        "every API process of one deployment needs the same one",
    );
  }
  const allowedDomains = (given["--oidc-allowed-domain (LOUPE_OIDC_ALLOWED_DOMAINS)"] as string[]).map(
    checkDomain,
  );
  return Object.freeze({
    sessionSecret,
    publicUrl,
    oidc: Object.freeze({
      issuer,
      clientId: given["--oidc-client-id (LOUPE_OIDC_CLIENT_ID)"] as string,
      clientSecret: given.LOUPE_OIDC_CLIENT_SECRET as string,
      allowedDomains: Object.freeze([...new Set(allowedDomains)]),
    }),
  });
}

function list(flags: readonly string[] | undefined, env: string | undefined): string[] {
  const fromEnv = (env ?? "").split(",").map((s) => s.trim());
  return [...(flags ?? []), ...fromEnv].filter((s) => s !== "");
}

/**
 * https, or http to this machine only (a provider or a page on loopback: development and tests). The
 * public URL is an origin: the page calls /api and /auth at its root.
 */
function checkUrl(flag: string, text: string, pathAllowed: boolean): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${flag} must be an absolute URL, got '${text}'`);
  }
  const local = isLoopback(url.hostname.replace(/^\[|\]$/g, ""));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
    throw new ConfigError(
      `${flag} must be an https:// URL (http:// only on loopback, where nothing crosses a network), got '${text}'`,
    );
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw new ConfigError(`${flag} must not have a query, fragment or credentials, got '${text}'`);
  }
  if (!pathAllowed && url.pathname !== "/") {
    throw new ConfigError(
      `${flag} must be an origin such as https://loupe.example.com (no path), got '${text}'`,
    );
  }
  return pathAllowed ? url.href.replace(/\/$/, "") : url.origin;
}

function checkDomain(text: string): string {
  const domain = text.trim().toLowerCase();
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(domain)) {
    throw new ConfigError(
      `--oidc-allowed-domain must be an e-mail domain such as example.com, got '${text}'`,
    );
  }
  return domain;
}
