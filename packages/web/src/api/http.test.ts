import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiFetch, setCsrfToken, signInState } from "./http.js";

function answer(status: number, body: unknown = {}) {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return new Response(status === 204 ? null : JSON.stringify(body), { status });
    }),
  );
  return calls;
}

describe("apiFetch and sign-in", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it("sends the session's CSRF token with changes only", async () => {
    const calls = answer(204);
    setCsrfToken("the-token");
    for (const method of ["PUT", "DELETE", "POST", "post"]) await apiFetch("/api/x", { method });
    await apiFetch("/api/x");
    await apiFetch("/api/x", { method: "HEAD" });
    expect(calls.map((c) => c.headers["x-csrf-token"])).toEqual([
      "the-token",
      "the-token",
      "the-token",
      "the-token",
      undefined,
      undefined,
    ]);
  });

  it("sends none with open access", async () => {
    const calls = answer(204);
    await apiFetch("/api/x", { method: "PUT" });
    expect(calls[0]?.headers["x-csrf-token"]).toBeUndefined();
  });

  it("turns a 401 into 'sign-in required', once, for every listener", async () => {
    expect(signInState.required()).toBe(false);
    const heard = vi.fn();
    const unsubscribe = signInState.subscribe(heard);
    answer(401, { error: "unauthenticated", message: "Sign in" });
    await expect(apiFetch("/api/connections")).rejects.toEqual(
      new ApiError(401, "unauthenticated", "Sign in"),
    );
    await expect(apiFetch("/api/info")).rejects.toBeInstanceOf(ApiError);
    expect(signInState.required()).toBe(true);
    expect(heard).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
