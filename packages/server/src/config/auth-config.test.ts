import { describe, expect, it } from "vitest";
import { ConfigError, parseServeConfig } from "./config.js";

const SECRET = "s".repeat(32);
/** A complete sign-in configuration, as an operator's environment would hold it. */
const ENV = {
  LOUPE_OIDC_ISSUER: "https://login.example.com/realms/staff",
  LOUPE_OIDC_CLIENT_ID: "loupe",
  LOUPE_OIDC_CLIENT_SECRET: "client-secret",
  LOUPE_OIDC_ALLOWED_DOMAINS: "example.com, Example.org",
  LOUPE_PUBLIC_URL: "https://loupe.example.com/",
  LOUPE_SESSION_SECRET: SECRET,
};

describe("sign-in configuration", () => {
  it("is absent by default: open access, on loopback only", () => {
    expect(parseServeConfig([], {}).auth).toBeUndefined();
  });

  it("is read from the environment, and from flags before it", () => {
    expect(parseServeConfig([], ENV).auth).toEqual({
      sessionSecret: SECRET,
      publicUrl: "https://loupe.example.com",
      oidc: {
        issuer: "https://login.example.com/realms/staff",
        clientId: "loupe",
        clientSecret: "client-secret",
        allowedDomains: ["example.com", "example.org"],
      },
    });
    const flags = parseServeConfig(
      [
        "--oidc-issuer",
        "https://idp.example.net",
        "--oidc-client-id",
        "other",
        "--oidc-allowed-domain",
        "a.example",
        "--oidc-allowed-domain",
        "b.example",
        "--public-url",
        "https://dash.example.net",
      ],
      { LOUPE_OIDC_CLIENT_SECRET: "x", LOUPE_SESSION_SECRET: SECRET },
    ).auth;
    expect(flags).toMatchObject({
      publicUrl: "https://dash.example.net",
      oidc: {
        issuer: "https://idp.example.net",
        clientId: "other",
        allowedDomains: ["a.example", "b.example"],
      },
    });
  });

  it("lets Loupe listen beyond loopback", () => {
    expect(parseServeConfig(["--host", "0.0.0.0"], ENV).host).toBe("0.0.0.0");
  });

  it("without it, refuses a non-loopback address and says what to configure", () => {
    expect(() => parseServeConfig(["--host", "0.0.0.0"], {})).toThrow(ConfigError);
    expect(() => parseServeConfig(["--host", "10.1.2.3"], {})).toThrow(
      /refusing to listen on 10\.1\.2\.3 without sign-in.*--oidc-issuer, --oidc-client-id, LOUPE_OIDC_CLIENT_SECRET, --oidc-allowed-domain, --public-url and LOUPE_SESSION_SECRET.*or listen on loopback/s,
    );
  });

  it("refuses half a configuration, naming what is missing", () => {
    const { LOUPE_SESSION_SECRET: _secret, LOUPE_OIDC_CLIENT_SECRET: _client, ...partial } = ENV;
    expect(() => parseServeConfig([], partial)).toThrow(
      "sign-in is partly configured: also set LOUPE_OIDC_CLIENT_SECRET, LOUPE_SESSION_SECRET",
    );
    expect(() => parseServeConfig(["--public-url", "https://x.example"], {})).toThrow(
      /also set --oidc-issuer/,
    );
  });

  it("refuses values that cannot be right", () => {
    const refuse = (env: Record<string, string>, message: RegExp) =>
      expect(() => parseServeConfig([], { ...ENV, ...env })).toThrow(message);
    refuse({ LOUPE_SESSION_SECRET: "short" }, /LOUPE_SESSION_SECRET must be at least 32 bytes/);
    refuse({ LOUPE_OIDC_ISSUER: "login.example.com" }, /--oidc-issuer must be an absolute URL/);
    refuse({ LOUPE_OIDC_ISSUER: "http://login.example.com" }, /--oidc-issuer must be an https:\/\/ URL/);
    refuse({ LOUPE_PUBLIC_URL: "http://loupe.example.com" }, /--public-url must be an https:\/\/ URL/);
    refuse({ LOUPE_PUBLIC_URL: "https://loupe.example.com/loupe/" }, /--public-url must be an origin/);
    refuse({ LOUPE_PUBLIC_URL: "https://loupe.example.com/?a=1" }, /must not have a query/);
    refuse({ LOUPE_OIDC_ALLOWED_DOMAINS: "@example.com" }, /--oidc-allowed-domain must be an e-mail domain/);
    refuse({ LOUPE_OIDC_ALLOWED_DOMAINS: "localhost" }, /--oidc-allowed-domain/);
  });

  it("accepts http on loopback (a provider or page on this machine: development and tests)", () => {
    const auth = parseServeConfig([], {
      ...ENV,
      LOUPE_OIDC_ISSUER: "http://127.0.0.1:9000",
      LOUPE_PUBLIC_URL: "http://localhost:8080",
    }).auth;
    expect(auth?.oidc?.issuer).toBe("http://127.0.0.1:9000");
    expect(auth?.publicUrl).toBe("http://localhost:8080");
  });
});
