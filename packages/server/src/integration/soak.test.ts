/**
 * The soak in CI: `npm run bench -- soak` shortened to LOUPE_SOAK_SECONDS (`.ci/run` runs this file with
 * 60 after `npm test`; without the variable it is skipped, keeping `npm test` short). The same run and
 * goals as the benchmark (src/dev/soak.ts) on a smaller fleet: no error, p99 steady, RSS growth ≤ 10%.
 * Requires `npm run build`, PostgreSQL and nginx.
 */
import { describe, expect, it } from "vitest";
import { canStartNginx } from "../dev/nginx.js";
import { canStartThrowawayPostgres } from "../dev/postgres.js";
import { soak } from "../dev/soak.js";

const seconds = Number(process.env.LOUPE_SOAK_SECONDS ?? 0);

describe.runIf(seconds > 0)(`soak through nginx for ${seconds} s`, () => {
  it("answers a steady mixed load without an error, with a steady p99 and memory", {
    timeout: (seconds + 240) * 1000,
  }, async () => {
    expect(canStartNginx() && canStartThrowawayPostgres()).toBe(true);
    const report = await soak({ seconds, count: 500, rate: 100, log: console.log });
    console.log(
      `soak: ${report.errors} errors, p99 ×${report.p99Ratio.toFixed(2)}, RSS ${(report.rssGrowth * 100).toFixed(1)}%`,
    );
    expect(report.errorExamples).toEqual([]);
    expect(report.windows.every((window) => window.requests > 0)).toBe(true);
    expect(report.p99Ratio).toBeLessThanOrEqual(2);
    expect(report.rssGrowth).toBeLessThanOrEqual(0.1);
  });
});
