// The demo read back through the core's analyzer: what Loupe will see of the demo fleet.
import { analyzeLog, type LogAnalysis, maskMessage, pearson } from "@loupe/core";
import { describe, expect, it } from "vitest";
import { generateDemoLog } from "./demo-log.js";
import type { DemoLogSpec } from "./log-spec.js";
import { listDemoLogs } from "./manifest.js";
import { PLANTED } from "./planted.js";

const ENTRY = /^\d\d:\d\d:\d\d[:.]\d+ \| [A-Z_]+\s*\| [^|]*\| [^|]*:\d+ \| /;
const logs = listDemoLogs().sort((a, b) => a.objectName.localeCompare(b.objectName));
const short = (l: DemoLogSpec): boolean => l.session.durationSeconds < 600;

/** Non-blank lines that are not entries, counted directly in the bytes. */
function nonEntryLines(bytes: Uint8Array): number {
  return new TextDecoder()
    .decode(bytes)
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "" && !ENTRY.test(line)).length;
}

const pick = (pred: (l: DemoLogSpec) => boolean, n: number): DemoLogSpec[] =>
  logs.filter((l) => l.content === "log" && short(l) && pred(l)).slice(0, n);

describe("demo logs through analyzeLog", () => {
  const samples = [
    ...pick((l) => l.side === "client" && l.platform === "windows", 2),
    ...pick((l) => l.side === "client" && l.platform === "macos", 2),
    ...pick((l) => l.side === "client" && l.platform === "linux", 2),
    ...pick((l) => l.side === "client" && l.session.clientCrash, 1),
    ...pick((l) => l.session.poorNetwork, 2),
    ...pick((l) => l.faults.byteOrderMark || l.faults.latin1Byte || l.faults.dottedFraction, 3),
    ...pick((l) => l.faults.invalidValues > 0, 3),
    ...pick((l) => l.side === "server", 4),
    ...pick((l) => Math.floor(l.startMs / 86_400_000) !== Math.floor(l.endMs / 86_400_000), 2),
  ];

  it("parses every line: no unparsed preamble, continuations and invalid values as generated", () => {
    expect(samples.length).toBeGreaterThan(15);
    for (const spec of samples) {
      const bytes = generateDemoLog(spec);
      const a: LogAnalysis = analyzeLog(bytes);
      expect(a.unparsedLines, spec.objectName).toBe(0);
      expect(a.continuationLines, spec.objectName).toBe(nonEntryLines(bytes));
      expect(a.invalidValues, spec.objectName).toBe(spec.faults.invalidValues);
      const seconds = spec.session.durationSeconds;
      const perSecond = (name: keyof LogAnalysis["series"]): number => a.series[name].t.length / seconds;
      if (spec.side === "client") {
        expect(perSecond("latency"), spec.objectName).toBeGreaterThan(1.8);
        expect(perSecond("decode_time"), spec.objectName).toBeGreaterThan(5.6);
        expect(a.series.encode_time.t.length).toBe(0);
      } else {
        expect(perSecond("encode_time"), spec.objectName).toBeGreaterThan(1.85);
        expect(a.series.encode_size.t.length).toBe(a.series.encode_time.t.length);
        expect(a.series.latency.t.length).toBe(0);
      }
      // Times run over the session, rolled over at midnight when the session crosses it.
      expect(a.durationSeconds ?? 0, spec.objectName).toBeGreaterThan(seconds);
      expect(a.durationSeconds ?? 0, spec.objectName).toBeLessThan(seconds + 80);
    }
  });

  it("sees empty and non-log objects as having no entries", () => {
    for (const content of ["empty", "html", "binary"] as const) {
      const spec = logs.find((l) => l.content === content);
      if (spec === undefined) throw new Error(`no ${content} object`);
      expect(analyzeLog(generateDemoLog(spec)).entries, content).toBe(0);
    }
  });

  it("finds planted effect (b): error count correlates with median latency", () => {
    const clients = logs.filter((l) => l.side === "client" && l.content === "log" && short(l));
    const analyses = clients.filter((_, i) => i % 2 === 0).map((l) => analyzeLog(generateDemoLog(l)));
    const latency = analyses.map((a) => a.stats.latency?.median ?? 0);
    const errors = analyses.map((a) => a.errors);
    expect(pearson(latency, errors)).toBeGreaterThan(0.3);
  });

  it("finds planted effect (c) as one error pattern named by PLANTED", () => {
    const spec = pick((l) => l.side === "server" && l.session.lateEncoderError, 1)[0];
    if (spec === undefined) throw new Error("no late-error server log");
    const pattern = analyzeLog(generateDemoLog(spec)).patterns.find(
      (p) => p.template === PLANTED.lateErrorPattern,
    );
    expect(pattern?.level).toBe(PLANTED.lateErrorLevel);
    expect(maskMessage(PLANTED.lateErrorTemplate.replace("%d", "12"))).toBe(PLANTED.lateErrorPattern);
  });
});
