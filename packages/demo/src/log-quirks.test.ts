import { describe, expect, it } from "vitest";
import { generateDemoLog, generateFullLog } from "./demo-log.js";
import type { DemoLogSpec } from "./log-spec.js";
import { listDemoLogs } from "./manifest.js";

// Objects that are not whole, clean logs, and the quirks a few logs have.
const ENTRY = /^\d\d:\d\d:\d\d[:.]\d+ \| [A-Z_]+\s*\| [^|]*\| [^|]*:\d+ \| /;
const logs = listDemoLogs().sort((a, b) => a.objectName.localeCompare(b.objectName));
const minutes = (l: DemoLogSpec): number => l.session.durationSeconds / 60;
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe("objects that are not whole logs", () => {
  const byContent = (content: DemoLogSpec["content"], side?: DemoLogSpec["side"]): DemoLogSpec => {
    const spec = logs.find((l) => l.content === content && (side === undefined || l.side === side));
    if (spec === undefined) throw new Error(`no ${content} object`);
    return spec;
  };

  it("are empty, HTML, binary, truncated or missing as planned", () => {
    expect(generateDemoLog(byContent("empty", "client"))).toHaveLength(0);
    expect(generateDemoLog(byContent("empty", "server"))).toHaveLength(0);
    expect(text(generateDemoLog(byContent("html")))).toMatch(/^<html>\r\n.*502 Bad Gateway/s);
    expect([...generateDemoLog(byContent("binary")).subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(() => generateDemoLog(byContent("missing"))).toThrow(RangeError);
    for (const side of ["client", "server"] as const) {
      const spec = byContent("truncated", side);
      const cut = generateDemoLog(spec);
      const full = generateFullLog(spec);
      expect(cut.length).toBeLessThan(full.length);
      expect(Buffer.from(full.subarray(0, cut.length)).equals(Buffer.from(cut))).toBe(true);
    }
  });

  it("include byte-order marks, Latin-1 bytes and dotted fractions in a few logs", () => {
    const bom = logs.find((l) => l.content === "log" && l.faults.byteOrderMark);
    const latin1 = logs.find((l) => l.content === "log" && l.faults.latin1Byte);
    const dotted = logs.find((l) => l.content === "log" && l.faults.dottedFraction && minutes(l) < 10);
    if (bom === undefined || latin1 === undefined || dotted === undefined)
      throw new Error("fault missing from the fleet");
    expect([...generateDemoLog(bom).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text(generateDemoLog(bom)).split("\n")[0]).toMatch(ENTRY);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(generateDemoLog(latin1))).toThrow();
    expect(generateDemoLog(latin1).includes(0xe9)).toBe(true);
    const dottedLines = text(generateDemoLog(dotted)).split("\n");
    expect(dottedLines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{6} \| /);
    expect(dottedLines.filter((l) => ENTRY.test(l)).length).toBeGreaterThan(dottedLines.length / 2);
  });

  it("print some metric values as nan, inf or in exponent notation", () => {
    const withInvalid = logs
      .filter((l) => l.content === "log" && l.faults.invalidValues > 0 && minutes(l) < 6)
      .slice(0, 4);
    expect(withInvalid.length).toBeGreaterThan(0);
    let invalid = 0;
    for (const spec of withInvalid) {
      const body = text(generateDemoLog(spec));
      invalid += (
        body.match(
          /(Latency|Avg Decode Time|Average Encode Time|Average Encode Size): (-?nan(\(ind\))?|inf)\r?\n/g,
        ) ?? []
      ).length;
    }
    expect(invalid).toBeGreaterThanOrEqual(withInvalid.length);
  });
});
