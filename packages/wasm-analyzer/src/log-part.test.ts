// Joining parts: a log cut at any line start, its later part analysed on its own (as another thread does
// for `loupe analyze`), must give exactly the one-pass analysis: counts, levels, continuation lines at
// the cut, and every time across midnight (the day clock's shift is exact, bit for bit).
import { analyzeLog, type LogAnalysis } from "@loupe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logBytesArb } from "../../core/src/test-support/arbitraries.js";
import { logText, utf8 } from "../../core/src/test-support/log-text.js";
import { dayShifter, PartNotJoinable } from "./log-part.js";
import { WasmLogAnalyzer } from "./wasm-log-analyzer.js";

function analyzeInTwoParts(bytes: Uint8Array, cut: number, series: boolean): LogAnalysis {
  const first = new WasmLogAnalyzer({ patterns: false, series }).push(bytes.subarray(0, cut));
  const rest = new WasmLogAnalyzer({ patterns: false, series, continuesLog: true }).push(bytes.subarray(cut));
  return first.finish(rest.finishPart());
}

/** The one-pass analysis as the parts are asked for it: no patterns; no points without series. */
function expectedFor(bytes: Uint8Array, series: boolean): LogAnalysis {
  const whole = analyzeLog(bytes);
  const empty = { t: new Float64Array(0), v: new Float64Array(0) };
  const noPoints = Object.fromEntries(Object.keys(whole.series).map((name) => [name, empty]));
  return { ...whole, patterns: [], series: series ? whole.series : (noPoints as LogAnalysis["series"]) };
}

/** Where a later part may start: after every `\n`, or at the end (an empty later part). */
const lineStarts = (bytes: Uint8Array): number[] => [
  ...[...bytes].flatMap((b, i) => (b === 0x0a ? [i + 1] : [])),
  bytes.length,
];

describe("joining a log's parts", () => {
  it("gives the one-pass analysis for any log cut at any line start, with or without series", () => {
    fc.assert(
      fc.property(logBytesArb, fc.nat(), fc.boolean(), (bytes, pick, series) => {
        const starts = lineStarts(bytes);
        const cut = starts[pick % starts.length] as number;
        expect(analyzeInTwoParts(bytes, cut, series)).toEqual(expectedFor(bytes, series));
      }),
      { numRuns: 600 },
    );
  });

  it("moves the later part across midnights that fall in the earlier part or between the parts", () => {
    const bytes = logText([
      "23:59:59:900000 | INFO | main.c | recv:1 | Latency: 0.1",
      "00:00:00:100000 | INFO | main.c | recv:1 | Latency: 0.2", // day 1
      "23:00:00:000000 | INFO | main.c | recv:1 | Latency: 0.3",
      "01:00:00:123456 | INFO | main.c | recv:1 | Latency: 0.4", // day 2, cut before this line below
      "    stack frame",
      "13:00:00:000000 | INFO | main.c | recv:1 | Latency: 0.5",
      "00:30:00:333333 | INFO | main.c | recv:1 | Latency: 0.6", // day 3
    ]);
    const expected = expectedFor(bytes, true);
    expect([...expected.series.latency.t].at(-1)).toBe(3 * 86_400 + 1_800.333333);
    for (const cut of lineStarts(bytes)) expect(analyzeInTwoParts(bytes, cut, true)).toEqual(expected);
  });

  it("moves thousands of times across several midnights to the same bits", () => {
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) {
      // Twelve hours and a little per line: a midnight every second line, fractions of every size.
      const seconds = (i * 43_207) % 86_400;
      const clock = [seconds / 3600, (seconds / 60) % 60, seconds % 60].map((n) =>
        String(Math.floor(n)).padStart(2, "0"),
      );
      const fraction = String((i * 7_654_321) % 1_000_000).padStart(6, "0");
      lines.push(`${clock.join(":")}:${fraction} | INFO | main.c | recv:1 | Latency: 0.${i}`);
    }
    const bytes = logText(lines);
    const expected = expectedFor(bytes, true);
    const starts = lineStarts(bytes);
    for (const cut of [starts[0], starts[1000], starts[2001], starts.at(-2)] as number[]) {
      expect(analyzeInTwoParts(bytes, cut, true)).toEqual(expected);
    }
  });

  it("keeps a byte-order mark at the cut as data (only a log's first line may start with one)", () => {
    const bytes = utf8(
      "10:00:00:000 | INFO | a.c | f:1 | start\n\uFEFF10:00:01:000 | ERROR | a.c | f:2 | not an entry here\n",
    );
    const cut = bytes.indexOf(0x0a) + 1;
    const joined = analyzeInTwoParts(bytes, cut, false);
    expect(joined).toEqual(expectedFor(bytes, false));
    expect(joined.continuationLines).toBe(1);
  });

  it("refuses to move times it could not move exactly", () => {
    const clock = { days: 0, firstTimeOfDay: 1, lastTimeOfDay: 1, maxFractionDigits: 9 };
    expect(() => dayShifter(1, clock)).toThrow(PartNotJoinable);
    expect(() => dayShifter(1, { ...clock, maxFractionDigits: 6 })(2 ** 24)).toThrow(PartNotJoinable);
    expect(dayShifter(0, clock)(1.5)).toBe(1.5);
  });

  it("needs patterns off on both sides", () => {
    expect(() => new WasmLogAnalyzer().finishPart()).toThrow(/patterns: false/);
    const rest = new WasmLogAnalyzer({ patterns: false, continuesLog: true }).finishPart();
    expect(() => new WasmLogAnalyzer().finish(rest)).toThrow(/patterns: false/);
  });
});
