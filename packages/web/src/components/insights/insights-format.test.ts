import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  correlationWords,
  errorPosition,
  errorTicks,
  formatCoefficient,
  formatDate,
  formatMetric,
  formatPValue,
  formatShare,
  logPosition,
  logTicks,
} from "./insights-format.js";

describe("insight numbers for people", () => {
  it("formats p-values with the precision that matters", () => {
    expect(formatPValue(0.00001)).toBe("p < 0.001");
    expect(formatPValue(0.0031)).toBe("p = 0.003");
    expect(formatPValue(0.42)).toBe("p = 0.42");
    expect(formatPValue(1)).toBe("p = 1.00");
  });

  it("formats coefficients with two decimals and a real minus sign", () => {
    expect(formatCoefficient(0.4809)).toBe("0.48");
    expect(formatCoefficient(-0.3333)).toBe("−0.33");
    expect(formatCoefficient(-0.001)).toBe("0.00");
    expect(formatCoefficient(null)).toBe("—");
  });

  it("names the strength and direction of a correlation", () => {
    expect(correlationWords(0.05)).toBe("no relation");
    expect(correlationWords(0.2)).toBe("weak positive");
    expect(correlationWords(-0.45)).toBe("moderate negative");
    expect(correlationWords(0.9)).toBe("strong positive");
    expect(correlationWords(null)).toBe("not enough data");
  });

  it("formats metrics in their units, shares and dates", () => {
    expect(formatMetric("latency", 0.0348)).toBe("35 ms");
    expect(formatMetric("encode_size", 61_952)).toBe("60.5 KB");
    expect(formatShare(164, 300)).toBe("55%");
    expect(formatShare(1, 3000)).toBe("<0.1%");
    expect(formatShare(4, 300)).toBe("1.3%");
    expect(formatShare(1, 0)).toBe("—");
    expect(formatDate("2020-05-27T04:32:00.000Z")).toBe("27 May 2020");
    expect(formatDate(null)).toBe("—");
  });
});

describe("chart axes", () => {
  it("log ticks cover the values, increasing, first at or below and last at or above them", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e6, noNaN: true }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        (min, ratio) => {
          const ticks = logTicks(min, min * ratio);
          expect(ticks[0]).toBeLessThanOrEqual(min);
          expect(ticks.at(-1)).toBeGreaterThanOrEqual(min * ratio * (1 - 1e-9));
          expect(ticks.length).toBeGreaterThanOrEqual(2);
          for (let i = 1; i < ticks.length; i++) expect(ticks[i]).toBeGreaterThan(ticks[i - 1] ?? 0);
        },
      ),
    );
  });

  it("error ticks follow 1-2-5 up to the first at or above the maximum", () => {
    expect(errorTicks(0)).toEqual([0, 1]);
    expect(errorTicks(3)).toEqual([0, 1, 2, 5]);
    expect(errorTicks(120)).toEqual([0, 1, 2, 5, 10, 20, 50, 100, 200]);
  });

  it("places error counts on a log(1 + x) axis", () => {
    expect(errorPosition(0, 100)).toBe(0);
    expect(errorPosition(100, 100)).toBe(1);
    expect(errorPosition(9, 99)).toBeCloseTo(0.5);
    expect(errorPosition(5, 0)).toBe(0);
  });
});

describe("log axis", () => {
  it("spans the values with 1-2-5 ticks", () => {
    expect(logTicks(0.016, 0.387)).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5]);
    expect(logTicks(0.02, 0.05)).toEqual([0.02, 0.05]);
    expect(logTicks(3, 3)).toEqual([2, 5]);
    expect(logTicks(1, 1)).toEqual([1, 2]);
    expect(logTicks(0, 1)).toEqual([]);
  });
  it("places values between its ends, clamped", () => {
    expect(logPosition(0.1, 0.01, 1)).toBeCloseTo(0.5);
    expect(logPosition(0.01, 0.01, 1)).toBe(0);
    expect(logPosition(5, 0.01, 1)).toBe(1);
    expect(logPosition(0, 0.01, 1)).toBe(0);
  });
});
