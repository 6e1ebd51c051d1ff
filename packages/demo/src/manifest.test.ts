import { describe, expect, it } from "vitest";
import { DEMO_VERSIONS } from "./calendar.js";
import { type DemoConnection, describeDemoLog, generateDemoManifest, listDemoLogs } from "./manifest.js";
import { buildDemoPlan } from "./plan.js";

const BASE = "http://127.0.0.1:9/demo-bucket/";
const manifest = generateDemoManifest({ baseUrl: BASE });
const logs = listDemoLogs();

const parseLastUpdated = (s: string): number => {
  const m = /^(\d\d)\/(\d\d)\/(\d{4}), (\d\d):(\d\d)$/.exec(s);
  if (m === null) throw new Error(`bad last_updated ${s}`);
  const [, mm, dd, yyyy, hh, min] = m.map(Number) as number[];
  return Date.UTC(yyyy as number, (mm as number) - 1, dd, hh, min);
};
const objectOf = (url: string | null): string | null => (url === null ? null : url.slice(BASE.length));
const count = (pred: (c: DemoConnection) => boolean): number => manifest.filter(pred).length;

describe("generateDemoManifest", () => {
  it("has exactly the export's fields", () => {
    expect(manifest).toHaveLength(3000);
    for (const c of manifest) {
      expect(Object.keys(c)).toEqual([
        "connection_id",
        "username",
        "ip",
        "last_updated",
        "version",
        "client_logs",
        "server_logs",
      ]);
      expect(Number.isInteger(c.connection_id)).toBe(true);
      expect(c.username === null || /^[^@\s]+@[a-z.]+$/i.test(c.username)).toBe(true);
      expect(c.ip).toMatch(/^(198\.51\.100|203\.0\.113|192\.0\.2)\.\d{1,3}$/);
      expect(c.version === null || /^([0-9A-F]{16}|[0-9a-f]{7}-[0-9A-F]{8})$/.test(c.version)).toBe(true);
      for (const url of [c.client_logs, c.server_logs]) {
        if (url !== null)
          expect(url).toMatch(/^http:\/\/127\.0\.0\.1:9\/demo-bucket\/(client|server)\d+\.txt$/);
      }
    }
  });

  it("is newest first, with unique ids that grow with time", () => {
    const times = manifest.map((c) => parseLastUpdated(c.last_updated));
    for (let i = 1; i < times.length; i++) expect(times[i]).toBeLessThanOrEqual(times[i - 1] as number);
    const ids = manifest.map((c) => c.connection_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(Math.min(...ids)).toBeGreaterThanOrEqual(20_000);
    expect(Math.min(...ids)).toBeLessThan(20_500);
    expect(Math.max(...ids) - Math.min(...ids)).toBeGreaterThan(3000); // gaps
    const plan = buildDemoPlan(1, 3000);
    const starts = plan.connections.map((c) => c.session.startMs);
    const planIds = plan.connections.map((c) => c.session.connectionId);
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1] as number);
      expect(planIds[i]).toBeGreaterThan(planIds[i - 1] as number);
    }
  });

  it("has production's users: ~600 with a long tail, ~1 in 10 usernames null", () => {
    const perUser = new Map<string, number>();
    for (const c of manifest)
      if (c.username !== null) perUser.set(c.username, (perUser.get(c.username) ?? 0) + 1);
    expect(perUser.size).toBeGreaterThan(560);
    expect(perUser.size).toBeLessThanOrEqual(600);
    const sessions = [...perUser.values()].sort((a, b) => b - a);
    expect(sessions[0]).toBeGreaterThan(40);
    expect(sessions[0]).toBeLessThan(150);
    expect(sessions.filter((n) => n >= 20).length).toBeGreaterThanOrEqual(8);
    expect(sessions.filter((n) => n <= 2).length / sessions.length).toBeGreaterThan(0.4);
    expect(count((c) => c.username === null) / 3000).toBeGreaterThan(0.08);
    expect(count((c) => c.username === null) / 3000).toBeLessThan(0.12);
    const domains = new Set([...perUser.keys()].map((u) => u.split("@")[1]?.toLowerCase()));
    expect(domains.size).toBeGreaterThanOrEqual(6);
    expect(perUser.has("qa%loadtest@team.example")).toBe(true);
  });

  it("uses ~40 shared server IPs and 10 versions in both formats, mostly current ones", () => {
    expect(new Set(manifest.map((c) => c.ip)).size).toBeGreaterThanOrEqual(35);
    expect(new Set(manifest.map((c) => c.ip)).size).toBeLessThanOrEqual(40);
    const versions = new Set(manifest.map((c) => c.version).filter((v) => v !== null));
    expect(versions.size).toBe(DEMO_VERSIONS.length);
    expect([...versions].some((v) => v.includes("-"))).toBe(true);
    expect([...versions].some((v) => !v.includes("-"))).toBe(true);
    const nullVersions = count((c) => c.version === null);
    expect(nullVersions).toBeGreaterThan(20);
    expect(nullVersions).toBeLessThan(120);
    const plan = buildDemoPlan(1, 3000);
    let current = 0;
    for (const c of plan.connections) {
      const v = c.session.version;
      if (v === null) continue;
      expect(v.releasedMs).toBeLessThanOrEqual(
        Math.max(c.session.startMs, DEMO_VERSIONS[0]?.releasedMs ?? 0),
      );
      const newest = DEMO_VERSIONS.filter((d) => d.releasedMs <= c.session.startMs).at(-1);
      if (newest === v) current++;
    }
    expect(current / 3000).toBeGreaterThan(0.65);
    expect(current / 3000).toBeLessThan(0.95);
  });

  it("is missing logs the way production is", () => {
    const noClient = count((c) => c.client_logs === null);
    const noServer = count((c) => c.server_logs === null);
    expect(3000 - noClient).toBeGreaterThanOrEqual(400);
    expect(noClient / 3000).toBeGreaterThan(0.78);
    expect(noClient / 3000).toBeLessThan(0.87);
    expect(noServer / 3000).toBeGreaterThan(0.01);
    expect(noServer / 3000).toBeLessThan(0.035);
    const urls = manifest.flatMap((c) => [c.client_logs, c.server_logs]).filter((u) => u !== null);
    expect(urls.length - new Set(urls).size).toBe(1); // one object named by two connections
    const byContent = new Map<string, number>();
    for (const url of new Set(urls)) {
      const spec = describeDemoLog(objectOf(url) as string);
      expect(spec).toBeDefined();
      byContent.set(spec?.content ?? "", (byContent.get(spec?.content ?? "") ?? 0) + 1);
    }
    expect(byContent.get("missing")).toBeGreaterThanOrEqual(20);
    expect(byContent.get("missing")).toBeLessThanOrEqual(50);
    expect(byContent.get("empty")).toBe(2);
    expect(byContent.get("html")).toBe(1);
    expect(byContent.get("binary")).toBe(1);
    expect(byContent.get("truncated")).toBe(2);
    expect(logs.length).toBe(new Set(urls).size);
  });

  it("names objects apart from connection ids, and dates them after their session", () => {
    const ids = new Set(manifest.map((c) => c.connection_id));
    for (const c of manifest) {
      const updated = parseLastUpdated(c.last_updated);
      for (const name of [objectOf(c.client_logs), objectOf(c.server_logs)]) {
        if (name === null) continue;
        expect(ids.has(Number(name.replace(/\D/g, "")))).toBe(false);
        const spec = describeDemoLog(name);
        if (spec === undefined) throw new Error(`no spec for ${name}`);
        if (spec.session.connectionId !== c.connection_id) continue; // the shared object
        const sessionEnd = spec.session.startMs + spec.session.durationSeconds * 1000;
        expect(spec.endMs).toBeGreaterThanOrEqual(sessionEnd);
        expect(updated).toBeGreaterThan(spec.endMs - 60_000);
        expect(updated).toBeLessThanOrEqual(spec.endMs + 130_000);
        expect(spec.uploadedMs).toBeLessThanOrEqual(updated + 60_000);
      }
    }
  });

  it("has realistic session lengths, some across midnight UTC", () => {
    const durations = logs.map((l) => l.session.durationSeconds).sort((a, b) => a - b);
    const median = durations[Math.floor(durations.length / 2)] as number;
    expect(median).toBeGreaterThan(360);
    expect(median).toBeLessThan(600);
    expect(durations.filter((d) => d > 3600).length).toBeGreaterThanOrEqual(10);
    expect(Math.max(...durations)).toBeLessThanOrEqual(7200);
    const day = (ms: number): number => Math.floor(ms / 86_400_000);
    expect(logs.filter((l) => day(l.startMs) !== day(l.endMs)).length).toBeGreaterThanOrEqual(5);
  });

  it("is deterministic, and another seed gives another fleet", () => {
    expect(generateDemoManifest({ baseUrl: BASE })).toEqual(manifest);
    expect(JSON.stringify(buildDemoPlan(1, 3000).connections)).toBe(
      JSON.stringify(buildDemoPlan(1, 3000).connections),
    );
    const other = generateDemoManifest({ baseUrl: BASE, seed: 2 });
    expect(other).toHaveLength(3000);
    expect(other.slice(0, 20)).not.toEqual(manifest.slice(0, 20));
    expect(new Set(other.map((c) => c.username))).not.toEqual(new Set(manifest.map((c) => c.username)));
  });

  it("scales down for small fleets and joins the base URL either way", () => {
    for (const n of [0, 1, 2, 10, 57]) {
      const small = generateDemoManifest({ baseUrl: "https://logs.example/b", count: n, seed: 5 });
      expect(small).toHaveLength(n);
      for (const c of small)
        if (c.server_logs !== null)
          expect(c.server_logs).toMatch(/^https:\/\/logs\.example\/b\/server\d+\.txt$/);
    }
  });
});
