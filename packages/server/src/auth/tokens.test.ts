import { describe, expect, it } from "vitest";
import type { ApiScope } from "../store/store.js";
import {
  checkTokenName,
  generateToken,
  hashSecret,
  issueToken,
  looksLikeToken,
  parseScopes,
  TokenInputError,
} from "./tokens.js";

describe("API tokens", () => {
  it("are loupe_ and 256 random bits, different every time", () => {
    const tokens = new Set(Array.from({ length: 100 }, generateToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(token).toMatch(/^loupe_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token.slice(6), "base64url")).toHaveLength(32);
      expect(looksLikeToken(token)).toBe(true);
    }
    expect(looksLikeToken("loupe_short")).toBe(false);
    expect(looksLikeToken(`xoupe_${"a".repeat(43)}`)).toBe(false);
    expect(looksLikeToken(`loupe_${"a".repeat(42)}!`)).toBe(false);
  });

  it("are hashed with SHA-256 (hex), the same way every time", () => {
    expect(hashSecret("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("take scopes as repeated flags or a list, and refuse unknown or missing ones", () => {
    expect(parseScopes(["read"])).toEqual(["read"]);
    expect(parseScopes(["ingest", "read", "ingest"])).toEqual(["read", "ingest"]);
    expect(parseScopes(["ingest,read"])).toEqual(["read", "ingest"]);
    expect(() => parseScopes([])).toThrow(/at least one --scope/);
    expect(() => parseScopes(["admin"])).toThrow(/unknown scope 'admin': expected read or ingest/);
  });

  it("need a printable name", () => {
    expect(checkTokenName("  ci upload ")).toBe("ci upload");
    expect(() => checkTokenName(undefined)).toThrow(TokenInputError);
    expect(() => checkTokenName("  ")).toThrow(/--name/);
    expect(() => checkTokenName("x".repeat(101))).toThrow(/over 100/);
    expect(() => checkTokenName("a\nb")).toThrow(/control characters/);
  });

  it("are stored as their hash only, and returned to the caller once", async () => {
    const stored: { name: string; tokenHash: string; scopes: readonly ApiScope[] }[] = [];
    const store = {
      createApiToken: async (t: {
        name: string;
        tokenHash: string;
        scopes: readonly ApiScope[];
        now: number;
      }) => {
        stored.push(t);
        return { id: 1, name: t.name, scopes: t.scopes, createdAt: t.now, lastUsedAt: null, revokedAt: null };
      },
    };
    const { token, record } = await issueToken(store, { name: "ci", scopes: ["ingest"] }, 5);
    expect(record).toMatchObject({ id: 1, name: "ci", scopes: ["ingest"], createdAt: 5 });
    expect(stored).toEqual([{ name: "ci", tokenHash: hashSecret(token), scopes: ["ingest"], now: 5 }]);
    expect(JSON.stringify(stored)).not.toContain(token.slice(6));
  });
});
