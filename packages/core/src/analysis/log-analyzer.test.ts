// The per-log summary on hand-written logs whose every count is worked out in the comments.
import { describe, expect, it } from "vitest";
import { logText } from "../test-support/log-text.js";
import { analyzeLog } from "./log-analyzer.js";

const CLIENT_LOG = [
  "Client starting", // 1 unparsed (before any entry)
  "23:59:58:000000 | INFO    | main.c | main:10 | Connecting...", // entry 1, t = 86398
  "", // blank
  "23:59:58:500000 | INFO    | main.c | recv:455 | Latency: 0.020000", // entry 2, latency (86398.5, 0.02)
  "23:59:59:000000 | DEBUG   | video.c | upd:893 | Avg Decode Time: 0.004000", // entry 3, decode point
  "23:59:59:500000 | WARNING | main.c | recv:460 | High Latency: 0.9 exceeds budget", // entry 4, look-alike
  "00:00:00:000000 | INFO    | main.c | recv:455 | Latency: 0.040000", // entry 5, after midnight: t = 86400
  "00:00:00:500000 | ERROR   | net.c | send:77 | Failed to send packet 12", // entry 6
  "    at send (net.c:77)", // continuation of entry 6
  "00:00:00:400000 | INFO    | main.c | recv:455 | Latency: -nan(ind)", // entry 7, small step back, invalid
  "00:00:01:000000 | FATAL_ERROR | main.c | main:99 | Latency: 0.090000", // entry 8, a metric at any level
  "00:00:01:500000 | ERROR   | net.c | send:77 | Failed to send packet 13", // entry 9, same pattern as 6
];

describe("analyzeLog", () => {
  const a = analyzeLog(logText(CLIENT_LOG));

  it("counts entries, blank, continuation and unparsed lines", () => {
    expect(a.lines).toBe(12);
    expect(a.entries).toBe(9);
    expect(a.blankLines).toBe(1);
    expect(a.continuationLines).toBe(1);
    expect(a.unparsedLines).toBe(1);
  });

  it("counts every level, errors (ERROR + FATAL_ERROR) and warnings", () => {
    expect(a.levels).toEqual({ DEBUG: 1, INFO: 4, WARNING: 1, ERROR: 2, FATAL_ERROR: 1 });
    expect(a.errors).toBe(3);
    expect(a.warnings).toBe(1);
  });

  it("builds the series with midnight rollover and counts the non-finite value as invalid", () => {
    expect([...a.series.latency.t]).toEqual([86398.5, 86400, 86401]);
    expect([...a.series.latency.v]).toEqual([0.02, 0.04, 0.09]);
    expect([...a.series.decode_time.t]).toEqual([86399]);
    expect(a.invalidValues).toBe(1);
    expect(a.series.encode_time.t.length).toBe(0);
  });

  it("summarises each series exactly", () => {
    // latency values 0.02, 0.04, 0.09: median 0.04; mean 0.05; p95 at rank 1.9 → 0.04 + 0.9·0.05 = 0.085;
    // population variance ((−0.03)² + (−0.01)² + 0.04²)/3 = 0.0026/3.
    const s = a.stats.latency;
    expect(s?.count).toBe(3);
    expect(s?.min).toBe(0.02);
    expect(s?.max).toBe(0.09);
    expect(s?.median).toBe(0.04);
    expect(s?.mean).toBeCloseTo(0.05, 15);
    expect(s?.p95).toBeCloseTo(0.085, 15);
    expect(s?.std).toBeCloseTo(Math.sqrt(0.0026 / 3), 15);
    expect(a.stats.encode_size).toBeNull();
  });

  it("reports the time span from the first entry to the latest moment", () => {
    expect(a.firstTime).toBe(86398);
    expect(a.lastTime).toBe(86401.5);
    expect(a.durationSeconds).toBe(3.5);
  });

  it("groups ERROR and WARNING messages into patterns", () => {
    const failed = a.patterns.find((p) => p.level === "ERROR");
    expect(failed?.count).toBe(2);
    expect(failed?.example).toBe("Failed to send packet 12");
    expect(a.patterns.reduce((n, p) => n + p.count, 0)).toBe(4);
  });

  it("reports an empty file and a non-log as zero entries, not an error", () => {
    const empty = analyzeLog(new Uint8Array());
    expect(empty.entries).toBe(0);
    expect(empty.firstTime).toBeNull();
    const html = analyzeLog(logText(["<html>", "<body>Access denied</body>", "</html>"]));
    expect(html.entries).toBe(0);
    expect(html.unparsedLines).toBe(3);
    expect(html.stats.latency).toBeNull();
  });
});
