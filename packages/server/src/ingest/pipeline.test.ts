import { analyzeLog } from "@loupe/core";
import { describe, expect, it } from "vitest";
import { FakeQueue } from "./test-support/fake-queue.js";
import { CLIENT, SERVER } from "./test-support/log-store.js";
import { usePipelineHarness } from "./test-support/pipeline-harness.js";

const T0 = Date.UTC(2020, 6, 1);
const HOUR = 3_600_000;

const harness = usePipelineHarness();
const pipelineFor = harness.pipelineFor;

describe("ingest pipeline against a local object store", () => {
  it("records the right outcome for every kind of answer", async () => {
    const queue = new FakeQueue();
    const paths = [
      "client",
      "server",
      "missing",
      "forbidden",
      "gone",
      "flaky",
      "slow",
      "cut",
      "too-large",
      "bad",
      "throttled",
      "empty",
    ];
    const id = Object.fromEntries(paths.map((p) => [p, queue.add(`${harness.origin()}/${p}.txt`)]));
    let now = T0;
    const pipeline = pipelineFor(queue, () => now);
    harness.server().inFlight.max = 0;
    // Each drain is one round of attempts; retries come due when the clock moves on. Draining again right
    // after a drain resolved also proves a new loop starts (it once joined the ending one and hung).
    for (let round = 0; round < 4; round++, now += HOUR) await pipeline.drain();
    expect(queue.pending()).toEqual([]);

    const outcomes = (name: string) => queue.log(id[name] as number).outcomes;
    for (const [name, bytes, etag] of [
      ["client", CLIENT, '"c1"'],
      ["server", SERVER, '"s1"'],
    ] as const) {
      expect(outcomes(name)).toEqual([
        {
          kind: "parsed",
          analysis: analyzeLog(bytes),
          bytes: bytes.length,
          etag,
          lastModified: "Fri, 15 May 2020 12:00:00 GMT",
          parserVersion: 7,
        },
      ]);
    }
    expect(outcomes("missing")).toEqual([{ kind: "missing", httpStatus: 404 }]);
    expect(outcomes("forbidden")).toEqual([{ kind: "missing", httpStatus: 403 }]);
    expect(outcomes("gone")).toEqual([{ kind: "missing", httpStatus: 410 }]);

    const [first, second] = outcomes("flaky");
    expect(first).toMatchObject({ kind: "unavailable", error: "HTTP 500" });
    const retryAt = first?.kind === "unavailable" ? (first.retryAt ?? -1) : -1;
    expect(retryAt).toBeGreaterThanOrEqual(T0);
    expect(retryAt).toBeLessThan(T0 + 1000); // first retry: full jitter below the base
    expect(second).toMatchObject({ kind: "parsed", analysis: analyzeLog(CLIENT), etag: '"f2"' });

    for (const [name, error] of [
      ["slow", /^no response within 300 ms/],
      ["cut", /^body cut short/],
      ["throttled", /^HTTP 429/],
    ] as const) {
      const tries = outcomes(name);
      expect(tries).toHaveLength(3);
      for (const t of tries)
        expect(t).toMatchObject({ kind: "unavailable", error: expect.stringMatching(error) });
      expect(tries.map((t) => t.kind === "unavailable" && t.retryAt !== null)).toEqual([true, true, false]);
      expect(tries[2]).toMatchObject({ error: expect.stringMatching(/\(gave up after 3 attempts\)$/) });
    }
    // Retry-After: 120 beats the backoff of the first retries.
    const throttled = outcomes("throttled")[0];
    expect(throttled?.kind === "unavailable" && throttled.retryAt).toBe(T0 + 120_000);

    expect(outcomes("too-large")).toEqual([
      {
        kind: "unavailable",
        error: "log is larger than the 4 MiB limit (5 MiB or more); not fetched",
        retryAt: null,
      },
    ]);
    expect(outcomes("bad")).toEqual([{ kind: "unavailable", error: "HTTP 400", retryAt: null }]);
    expect(outcomes("empty")).toMatchObject([{ kind: "parsed", bytes: 0, analysis: { entries: 0 } }]);

    expect(harness.server().inFlight.max).toBeLessThanOrEqual(3);
    const counters = pipeline.counters();
    expect(counters.fetches).toEqual({
      ok: 4,
      not_modified: 0,
      missing: 3,
      retryable: 10,
      too_large: 1,
      failed: 1,
    });
    expect(counters.outcomes).toEqual({ parsed: 4, missing: 3, retry: 7, gaveUp: 5 });
    expect(counters.bytesFetched).toBeGreaterThanOrEqual(2 * CLIENT.length + SERVER.length);
    expect(counters.parseSeconds).toBeGreaterThan(0);
    expect(counters).toMatchObject({ parseFailures: 0, leaseLost: 0, storeErrors: 0, inFlight: 0 });
  });
});
