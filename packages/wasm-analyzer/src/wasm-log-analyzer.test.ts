// The WebAssembly analyzer against the core's LogAnalyzer, the reference: for any bytes, split anywhere,
// every field of the result must be the same (numbers compared with Object.is, so -0 and every last bit
// count). A difference in the ported grammar, day clock, number fast path or statistics fails here.
import { readFileSync } from "node:fs";
import { analyzeLog, type LogAnalysis, MAX_LINE_BYTES } from "@loupe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logBytesArb } from "../../core/src/test-support/arbitraries.js";
import { chunkAt, logText, utf8 } from "../../core/src/test-support/log-text.js";
import { WasmLogAnalyzer } from "./wasm-log-analyzer.js";

const analyzeInChunks = (chunks: readonly Uint8Array[], options = {}): LogAnalysis => {
  const analyzer = new WasmLogAnalyzer(options);
  for (const chunk of chunks) analyzer.push(chunk);
  return analyzer.finish();
};

const concat = (parts: readonly Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};

describe("WasmLogAnalyzer gives the core's LogAnalysis", () => {
  it("for any log-like bytes and any chunking", () => {
    fc.assert(
      fc.property(logBytesArb, fc.array(fc.nat(), { maxLength: 12 }), (bytes, cuts) => {
        const chunks = chunkAt(
          bytes,
          cuts.map((c) => c % (bytes.length + 1)),
        );
        expect(analyzeInChunks(chunks)).toEqual(analyzeLog(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it("for arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(analyzeInChunks([bytes])).toEqual(analyzeLog(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it.each(["client-2020-05-15.txt", "server-2020-05-08.txt"])("for the real log %s", (name) => {
    const bytes = new Uint8Array(
      readFileSync(new URL(`../../../fixtures/real-logs/${name}`, import.meta.url)),
    );
    const expected = analyzeLog(bytes);
    expect(expected.entries).toBeGreaterThan(1000);
    expect(analyzeInChunks([bytes])).toEqual(expected);
    expect(analyzeInChunks(chunkAt(bytes, [1, 4096, 65_537, 1_000_003]))).toEqual(expected);
  });

  it("for numbers outside the exact fast path, rejected ones and non-finite ones", () => {
    const bytes = logText([
      "10:00:00:000000 | INFO | main.c | recv:1 | Latency: 1e-3",
      "10:00:00:100000 | INFO | main.c | recv:1 | Latency: 0.1234567890123456789",
      "10:00:00:200000 | INFO | main.c | recv:1 | Latency: nan",
      "10:00:00:300000 | INFO | main.c | recv:1 | Latency: -nan(ind)",
      "10:00:00:400000 | INFO | main.c | recv:1 | Latency: 12abc",
      "10:00:00:500000 | INFO | main.c | recv:1 | Latency: -",
      "10:00:00:600000 | INFO | main.c | recv:1 | Latency: 0.5",
      "10:00:00:700000 | INFO | main.c | recv:1 | Latency: -0.0",
      "10:00:00:800000 | INFO | main.c | recv:1 | Latency: 1e999",
    ]);
    const result = analyzeInChunks([bytes]);
    expect(result).toEqual(analyzeLog(bytes));
    expect(result.invalidValues).toBe(3);
    expect([...result.series.latency.v]).toEqual([1e-3, 0.12345678901234568, 0.5, -0]);
  });

  it("when one push holds more events and slow numbers than a batch", () => {
    const lines: string[] = [];
    for (let i = 0; i < 40_000; i++) {
      const time = `1${i % 10}:${String(i % 60).padStart(2, "0")}:00:${String(i).padStart(6, "0")}`;
      if (i % 2 === 0) lines.push(`${time} | ERROR | net.c | send:77 | Failed to send packet ${i}`);
      else
        lines.push(
          `${time} | CUSTOM_${i % 3} | main.c | recv:1 | Latency: ${i % 7 === 0 ? "nan" : `${i}e-6`}`,
        );
    }
    const bytes = logText(lines);
    const result = analyzeInChunks([bytes]);
    expect(result).toEqual(analyzeLog(bytes));
    expect(result.series.latency.v.length).toBeGreaterThan(8192 * 2);
  });

  describe("for lines longer than MAX_LINE_BYTES", () => {
    const entry = "10:00:00:000000 | INFO | main.c | recv:1 | Latency: 0.25";
    const long = (n: number, last = "x") => `${entry}${" ".repeat(n - entry.length - 1)}${last}`;
    const cases: [string, Uint8Array][] = [
      ["a capped entry then entries", logText([long(MAX_LINE_BYTES + 500_000), entry, entry])],
      ["a line of exactly the cap", logText([long(MAX_LINE_BYTES), entry])],
      ["one byte over the cap, ending in CR", logText([long(MAX_LINE_BYTES + 1, "\r"), entry])],
      ["a file that ends inside a long line", utf8(`${entry}\n${long(MAX_LINE_BYTES * 2)}`)],
      ["CRLF lines around a long one", logText([entry, long(MAX_LINE_BYTES + 7), entry], "\r\n")],
    ];
    it.each(cases)("%s, in one push or many", (_, bytes) => {
      const expected = analyzeLog(bytes);
      expect(analyzeInChunks([bytes])).toEqual(expected);
      const cuts = Array.from({ length: Math.ceil(bytes.length / 300_001) }, (_, i) => i * 300_001);
      expect(analyzeInChunks(chunkAt(bytes, cuts))).toEqual(expected);
      expect(analyzeInChunks(chunkAt(bytes, [MAX_LINE_BYTES, MAX_LINE_BYTES + 1]))).toEqual(expected);
    });
  });

  it("without patterns or series when asked, with everything else unchanged", () => {
    const bytes = logText([
      "10:00:00:000000 | ERROR | net.c | send:77 | Failed to send packet 12",
      "10:00:00:500000 | INFO | main.c | recv:1 | Latency: 0.25",
      "10:00:01:000000 | WARNING | net.c | send:77 | Slow send 13",
    ]);
    const full = analyzeLog(bytes);
    const lean = analyzeInChunks([bytes], { patterns: false, series: false });
    expect(full.patterns).toHaveLength(2);
    expect(lean.patterns).toEqual([]);
    expect(lean.series.latency.t).toHaveLength(0);
    expect(lean.stats).toEqual(full.stats);
    expect({ ...lean, patterns: full.patterns, series: full.series }).toEqual(full);
  });

  it("refuses a push after finish", () => {
    const analyzer = new WasmLogAnalyzer();
    analyzer.finish();
    expect(() => analyzer.push(utf8("x"))).toThrow(/after finish/);
  });

  it("streams a log bigger than its buffer with the same result", () => {
    const line = "10:00:00:000000 | DEBUG | video.c | upd:893 | Avg Decode Time: 0.004000\n";
    const bytes = concat(Array.from({ length: 60_000 }, () => utf8(line)));
    expect(bytes.length).toBeGreaterThan(4 << 20);
    expect(analyzeInChunks([bytes])).toEqual(analyzeLog(bytes));
  });
});
