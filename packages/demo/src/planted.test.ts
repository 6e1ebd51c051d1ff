import { describe, expect, it } from "vitest";
import { DEMO_VERSIONS } from "./calendar.js";
import { generateDemoLog } from "./demo-log.js";
import type { DemoLogSpec } from "./log-spec.js";
import { listDemoLogs } from "./manifest.js";
import { getDemoPlan } from "./plan.js";
import { PLANTED, poorNetworkUsers } from "./planted.js";

// Until the core's analyzeLog is exported, the few numbers needed are read with local regexes.
const METRIC = /\| (Latency|Average Encode Time): ([-+.\deE]+)\r?$/gm;
const PROBLEM = /^\d\d:\d\d:\d\d[:.]\d+ \| (ERROR|WARNING) /gm;

function readLog(spec: DemoLogSpec): { metrics: Map<string, number[]>; problems: number; text: string } {
  const text = new TextDecoder().decode(generateDemoLog(spec));
  const metrics = new Map<string, number[]>();
  for (const [, name = "", value] of text.matchAll(METRIC)) {
    const v = Number(value);
    if (Number.isFinite(v)) metrics.set(name, [...(metrics.get(name) ?? []), v]);
  }
  return { metrics, problems: [...text.matchAll(PROBLEM)].length, text };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

function pearson(xs: readonly number[], ys: readonly number[]): number {
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, i) => {
    const dy = (ys[i] as number) - my;
    sxy += (x - mx) * dy;
    sxx += (x - mx) ** 2;
    syy += dy ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

const logs = listDemoLogs()
  .filter((l) => l.content === "log")
  .sort((a, b) => a.objectName.localeCompare(b.objectName));
const versionId = (i: number): string => DEMO_VERSIONS[i]?.id ?? "";

describe("planted effects", () => {
  it("(a) the regressed build encodes ~1.6× slower than the one before, and the next one fixes it", () => {
    const medianEncode = (id: string): number => {
      // Short server logs of the build keep the test fast; 30 sessions are plenty for a ×1.6 shift.
      const sample = logs
        .filter((l) => l.side === "server" && l.session.version?.id === id && l.session.durationSeconds < 400)
        .slice(0, 30);
      expect(sample.length).toBeGreaterThanOrEqual(20);
      return median(sample.map((l) => median(readLog(l).metrics.get("Average Encode Time") ?? [])));
    };
    const baseline = medianEncode(PLANTED.regressionBaselineVersion);
    const regressed = medianEncode(PLANTED.regressedVersion);
    const fixed = medianEncode(PLANTED.regressionFixedVersion);
    expect(PLANTED.regressedVersion).toBe(versionId(5));
    expect(regressed / baseline).toBeGreaterThan(1.4);
    expect(regressed / baseline).toBeLessThan(1.8);
    expect(fixed / baseline).toBeGreaterThan(0.85);
    expect(fixed / baseline).toBeLessThan(1.15);
  });

  it("(b) poor-network users have several times the latency and more problems: positive correlation", () => {
    const poor = new Set(poorNetworkUsers());
    expect(poor.size).toBe(Math.round(600 * PLANTED.poorNetworkUserShare));
    const clients = logs.filter((l) => l.side === "client" && l.session.durationSeconds < 900);
    const sample = clients.filter((_, i) => i % 3 === 0);
    const points = sample.map((l) => {
      const r = readLog(l);
      return {
        poor: poor.has(l.session.userEmail),
        latency: median(r.metrics.get("Latency") ?? [NaN]),
        problems: r.problems,
      };
    });
    expect(points.filter((p) => p.poor).length).toBeGreaterThanOrEqual(6);
    const poorLatency = median(points.filter((p) => p.poor).map((p) => p.latency));
    const goodLatency = median(points.filter((p) => !p.poor).map((p) => p.latency));
    expect(poorLatency / goodLatency).toBeGreaterThan(3);
    const r = pearson(
      points.map((p) => p.latency),
      points.map((p) => p.problems),
    );
    expect(r).toBeGreaterThan(0.3);
  });

  it("(c) the late error appears from its first build on, never before", () => {
    const firstIndex = DEMO_VERSIONS.findIndex((v) => v.id === PLANTED.lateErrorFirstVersion);
    expect(firstIndex).toBe(8);
    const servers = getDemoPlan().connections.map((c) => c.session);
    for (const s of servers)
      if (s.lateEncoderError) expect(s.version?.index ?? -1).toBeGreaterThanOrEqual(firstIndex);
    const late = servers.filter((s) => (s.version?.index ?? -1) >= firstIndex);
    const share = late.filter((s) => s.lateEncoderError).length / late.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.45);

    const pattern = /\| ERROR {3}\| [^|]*\| [^|]*:\d+ \| Failed to allocate hardware encoder session \d+\r$/m;
    const short = logs.filter((l) => l.side === "server" && l.session.durationSeconds < 300);
    const before = short.filter((l) => (l.session.version?.index ?? -1) === firstIndex - 1).slice(0, 40);
    const after = short.filter((l) => l.session.lateEncoderError).slice(0, 15);
    expect(before.length).toBeGreaterThan(20);
    for (const l of before)
      expect(readLog(l).text).not.toMatch(/Failed to allocate hardware encoder session/);
    for (const l of after) expect(readLog(l).text).toMatch(pattern);
  });
});
