import { describe, expect, it } from "vitest";
import { ConfigError, isLoopback, parseServeConfig } from "./config.js";

describe("parseServeConfig", () => {
  it("has defaults that serve the demo on loopback", () => {
    const c = parseServeConfig([], {});
    expect(c).toMatchObject({ manifest: undefined, db: "./data/loupe.db", host: "127.0.0.1", port: 8080 });
    expect(c.databaseUrl).toBeUndefined();
  });

  it("takes flags before environment variables", () => {
    const env = {
      LOUPE_PORT: "9000",
      LOUPE_DB: "/tmp/env.db",
      LOUPE_ALLOW_SOURCES: "https://a.example/, https://b.example/logs",
    };
    const c = parseServeConfig(["--port", "9100", "--allow-source", "https://c.example/"], env);
    expect(c.port).toBe(9100);
    expect(c.db).toBe("/tmp/env.db");
    expect(c.allowSources).toEqual(["https://c.example/", "https://a.example/", "https://b.example/logs"]);
  });

  it("refuses a non-loopback address without sign-in, saying what to do", () => {
    expect(() => parseServeConfig(["--host", "0.0.0.0"], {})).toThrow(ConfigError);
    expect(() => parseServeConfig(["--host", "0.0.0.0"], {})).toThrow(
      /without sign-in.*or listen on loopback/,
    );
    expect(parseServeConfig(["--host", "::1"], {}).host).toBe("::1");
  });

  it("refuses malformed values with the option's name", () => {
    expect(() => parseServeConfig(["--port", "80a"], {})).toThrow(/--port must be an integer/);
    expect(() => parseServeConfig(["--port", "70000"], {})).toThrow(/--port/);
    expect(() => parseServeConfig(["--database-url", "mysql://x"], {})).toThrow(/postgres:\/\//);
    expect(() => parseServeConfig(["--allow-source", "ftp://x"], {})).toThrow(/--allow-source/);
    expect(() => parseServeConfig(["--bogus"], {})).toThrow(/Unknown option '--bogus'/);
  });

  it("offers uploads under --upload-to, a prefix that is then an allowed source; the token only from the environment", () => {
    expect(parseServeConfig([], {}).uploadTo).toBeUndefined();
    const c = parseServeConfig(["--upload-to", "https://bucket.example/live/"], {
      LOUPE_UPLOAD_AUTHORIZATION: "Bearer t0ken",
    });
    expect(c).toMatchObject({
      uploadTo: "https://bucket.example/live/",
      uploadAuthorization: "Bearer t0ken",
    });
    expect(c.allowSources).toContain("https://bucket.example/live/");
    expect(parseServeConfig([], { LOUPE_UPLOAD_TO: "http://127.0.0.1:9000/" }).uploadTo).toBe(
      "http://127.0.0.1:9000/",
    );
    for (const bad of ["https://bucket.example/live", "ftp://bucket.example/", "bucket/"]) {
      expect(() => parseServeConfig(["--upload-to", bad], {})).toThrow(/--upload-to/);
    }
  });

  it("takes the ingest lease from --lease-ms or LOUPE_LEASE_MS, 10 minutes by default", () => {
    expect(parseServeConfig([], {}).leaseMs).toBe(600_000);
    expect(parseServeConfig([], { LOUPE_LEASE_MS: "3000" }).leaseMs).toBe(3000);
    expect(parseServeConfig(["--lease-ms", "5000"], { LOUPE_LEASE_MS: "3000" }).leaseMs).toBe(5000);
    expect(() => parseServeConfig([], { LOUPE_LEASE_MS: "500" })).toThrow(/--lease-ms must be an integer/);
    expect(() => parseServeConfig([], { LOUPE_LEASE_MS: "10m" })).toThrow(/--lease-ms/);
  });

  it("knows loopback addresses", () => {
    expect(["127.0.0.1", "127.3.2.1", "::1", "localhost"].every(isLoopback)).toBe(true);
    expect(["0.0.0.0", "10.0.0.1", "::", "example.com", "128.0.0.1"].some(isLoopback)).toBe(false);
  });

  it("takes a role from --role or LOUPE_ROLE (all by default) and refuses what a worker cannot do", () => {
    expect(parseServeConfig([], {}).role).toBe("all");
    expect(parseServeConfig(["--role", "api"], {}).role).toBe("api");
    expect(parseServeConfig([], { LOUPE_ROLE: "api" }).role).toBe("api");
    expect(() => parseServeConfig(["--role", "both"], {})).toThrow(
      /--role must be all, api or worker, got 'both'/,
    );
    expect(() => parseServeConfig(["--role", "worker"], {})).toThrow(/a worker needs --allow-source/);
    expect(() =>
      parseServeConfig(
        ["--role", "worker", "--allow-source", "https://b.example/", "--manifest", "m.json"],
        {},
      ),
    ).toThrow(/a worker does not import manifests/);
    const worker = parseServeConfig(["--role", "worker"], { LOUPE_ALLOW_SOURCES: "https://b.example/logs/" });
    expect(worker).toMatchObject({
      role: "worker",
      allowSources: ["https://b.example/logs/"],
      manifest: undefined,
    });
  });

  it("takes the rate limit from --rate-limit or LOUPE_RATE_LIMIT, 1200 a minute by default, 0 for none", () => {
    expect(parseServeConfig([], {}).rateLimit).toBe(1200);
    expect(parseServeConfig([], { LOUPE_RATE_LIMIT: "60" }).rateLimit).toBe(60);
    expect(parseServeConfig(["--rate-limit", "0"], { LOUPE_RATE_LIMIT: "60" }).rateLimit).toBe(0);
    expect(() => parseServeConfig(["--rate-limit", "lots"], {})).toThrow(/--rate-limit must be an integer/);
  });

  it("takes trusted proxies from --trust-proxy or LOUPE_TRUST_PROXY, none by default", () => {
    expect(parseServeConfig([], {}).trustProxy).toEqual([]);
    expect(parseServeConfig(["--trust-proxy", "127.0.0.1, 10.0.0.0/8,::1"], {}).trustProxy).toEqual([
      "127.0.0.1",
      "10.0.0.0/8",
      "::1",
    ]);
    expect(parseServeConfig([], { LOUPE_TRUST_PROXY: "loopback" }).trustProxy).toEqual(["loopback"]);
    for (const bad of ["nginx", "10.0.0.0/33", "10.0.0.1/8/1", "fe80::/129", "*"]) {
      expect(() => parseServeConfig(["--trust-proxy", bad], {}), bad).toThrow(/--trust-proxy/);
    }
  });
});
