import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { utf8 } from "../test-support/log-text.js";
import { matchMetricLine, newMetricMatch, parseMetricNumber } from "./metric-line.js";
import { METRIC_DEFINITIONS } from "./metric-names.js";

function match(message: string): { name: string; value: number } | null {
  const bytes = utf8(message);
  const out = newMetricMatch();
  if (!matchMetricLine(bytes, 0, bytes.length, out)) return null;
  return { name: METRIC_DEFINITIONS[out.definition]?.name ?? "?", value: out.value };
}

const number = (text: string) => {
  const b = utf8(text);
  return parseMetricNumber(b, 0, b.length);
};

describe("metric lines", () => {
  it("recognises the four metrics and the two extras by their exact names", () => {
    expect(match("Latency: 0.036490")).toEqual({ name: "latency", value: 0.03649 });
    expect(match("Avg Decode Time: 0.004121")).toEqual({ name: "decode_time", value: 0.004121 });
    expect(match("Average Encode Time: 0.010000")).toEqual({ name: "encode_time", value: 0.01 });
    expect(match("Average Encode Size: 65536.500000")).toEqual({ name: "encode_size", value: 65536.5 });
    expect(match("Longest Encode Time: 0.020000")).toEqual({ name: "longest_encode_time", value: 0.02 });
    expect(match("Longest Encode Size: 131072.000000")).toEqual({
      name: "longest_encode_size",
      value: 131072,
    });
  });

  it("rejects look-alikes that are not exactly NAME: NUMBER", () => {
    for (const text of [
      "High Latency: 0.9 exceeds budget",
      "Latency: 0.9 exceeds budget",
      "Latency:0.5",
      "latency: 0.5",
      "Latency 0.5",
      "Latency: ",
      "Latency: 0.5ms",
      "Latency: 1 2",
      "Latency: 0x10",
      "Avg Decode Time (ms): 4",
      "Average Encode: 5",
    ]) {
      expect(match(text), text).toBeNull();
    }
  });

  it("reads C float spellings: exponents, signs, leading or trailing dots", () => {
    expect(number("1.5e-3")).toBe(0.0015);
    expect(number("2E+2")).toBe(200);
    expect(number("-0.25")).toBe(-0.25);
    expect(number("+7")).toBe(7);
    expect(number(".5")).toBe(0.5);
    expect(number("5.")).toBe(5);
    expect(number("123456789012345678901234567890")).toBe(1.2345678901234568e29);
  });

  it("marks non-finite spellings as invalid (NaN), and rejects words that are not numbers", () => {
    for (const text of ["nan", "-nan", "-nan(ind)", "NaN", "inf", "-inf", "INFINITY", "1e999"]) {
      expect(number(text), text).toBeNaN();
    }
    for (const text of ["", "-", ".", "e5", "1e", "1.2.3", "nanx", "infinite", "--1"]) {
      expect(number(text), text).toBeUndefined();
    }
  });

  it("parses every %f-formatted double exactly as parseFloat does", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e12, max: 1e12, noNaN: true }),
        fc.integer({ min: 0, max: 9 }),
        (x, digits) => {
          const text = x.toFixed(digits);
          expect(number(text)).toBe(Number.parseFloat(text));
        },
      ),
    );
  });

  it("parses exponent notation exactly as parseFloat does", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = x.toExponential();
        expect(number(text)).toBe(Number.parseFloat(text));
      }),
    );
  });
});
