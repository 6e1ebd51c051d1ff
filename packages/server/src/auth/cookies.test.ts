import { describe, expect, it } from "vitest";
import { cookieNames, cookieOptions, SESSION_LIFETIME_MS } from "./cookies.js";
import { safeReturnTo } from "./sign-in-routes.js";

const settings = (publicUrl: string) => ({ sessionSecret: "s".repeat(32), publicUrl });

describe("sign-in cookies", () => {
  it("are Secure and __Host- prefixed behind https", () => {
    const https = settings("https://loupe.example.com");
    expect(cookieNames(https)).toEqual({ session: "__Host-loupe_session", signIn: "__Host-loupe_sign_in" });
    expect(cookieOptions(https, SESSION_LIFETIME_MS)).toEqual({
      path: "/",
      httpOnly: true,
      sameSite: "lax",
      secure: true,
      signed: true,
      maxAge: 43_200,
    });
  });

  it("are neither on plain http (loopback only: config.ts)", () => {
    const http = settings("http://127.0.0.1:8080");
    expect(cookieNames(http)).toEqual({ session: "loupe_session", signIn: "loupe_sign_in" });
    expect(cookieOptions(http, 600_000)).toMatchObject({ secure: false, httpOnly: true, maxAge: 600 });
  });
});

describe("where sign-in returns to", () => {
  it("is a path of this site, or the start page", () => {
    expect(safeReturnTo("/c/12?q=ada&open=3")).toBe("/c/12?q=ada&open=3");
    expect(safeReturnTo(undefined)).toBe("/");
    for (const elsewhere of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "evil",
      "/ok\nLocation: x",
      `/${"a".repeat(2000)}`,
    ]) {
      expect(safeReturnTo(elsewhere), elsewhere).toBe("/");
    }
  });
});
