import { describe, expect, it } from "vitest";
import { failedFetchOutcome, formatBytes, type RetryPolicy, retryOutcome } from "./outcome.js";

const POLICY: RetryPolicy = { maxAttempts: 4, retryBaseMs: 1000, retryCapMs: 10_000, random: () => 0.5 };
const NOW = 1_000_000;

describe("failedFetchOutcome", () => {
  it("records missing logs with their status", () => {
    expect(failedFetchOutcome({ kind: "missing", status: 403 }, 1, POLICY, NOW)).toEqual({
      kind: "missing",
      httpStatus: 403,
    });
  });

  it("backs off retryable failures, then gives up at maxAttempts", () => {
    const retryable = { kind: "retryable", reason: "HTTP 503", status: 503 } as const;
    expect([1, 2, 3].map((a) => failedFetchOutcome(retryable, a, POLICY, NOW))).toEqual([
      { kind: "unavailable", error: "HTTP 503", retryAt: NOW + 500 },
      { kind: "unavailable", error: "HTTP 503", retryAt: NOW + 1000 },
      { kind: "unavailable", error: "HTTP 503", retryAt: NOW + 2000 },
    ]);
    expect(failedFetchOutcome(retryable, 4, POLICY, NOW)).toEqual({
      kind: "unavailable",
      error: "HTTP 503 (gave up after 4 attempts)",
      retryAt: null,
    });
  });

  it("waits at least as long as Retry-After says", () => {
    const result = { kind: "retryable", reason: "HTTP 429", retryAfterMs: 90_000 } as const;
    expect(failedFetchOutcome(result, 1, POLICY, NOW)).toMatchObject({ retryAt: NOW + 90_000 });
    expect(failedFetchOutcome({ ...result, retryAfterMs: 1 }, 1, POLICY, NOW)).toMatchObject({
      retryAt: NOW + 500,
    });
  });

  it("stops at once for failures that retrying cannot fix", () => {
    expect(
      failedFetchOutcome({ kind: "too_large", bytes: 3 * 1024 ** 3, maxBytes: 1024 ** 3 }, 1, POLICY, NOW),
    ).toEqual({
      kind: "unavailable",
      error: "log is larger than the 1 GiB limit (3 GiB or more); not fetched",
      retryAt: null,
    });
    expect(failedFetchOutcome({ kind: "failed", reason: "HTTP 401", status: 401 }, 1, POLICY, NOW)).toEqual({
      kind: "unavailable",
      error: "HTTP 401",
      retryAt: null,
    });
  });

  it("retries an unexpected 304 (no validators are sent)", () => {
    expect(
      failedFetchOutcome({ kind: "not_modified", etag: null, lastModified: null }, 1, POLICY, NOW),
    ).toEqual({
      kind: "unavailable",
      error: "unexpected 304 Not Modified",
      retryAt: NOW + 500,
    });
  });

  it("gives up on the first attempt when maxAttempts is 1", () => {
    expect(retryOutcome("x", 1, { ...POLICY, maxAttempts: 1 }, NOW)).toMatchObject({ retryAt: null });
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 bytes"],
    [1023, "1023 bytes"],
    [1024, "1 KiB"],
    [1536, "1.5 KiB"],
    [4 * 1024 * 1024, "4 MiB"],
    [1024 ** 3 + 1, "1.0 GiB"],
  ])("%i → %s", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
