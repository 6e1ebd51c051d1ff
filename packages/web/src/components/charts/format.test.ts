import { describe, expect, it } from "vitest";
import {
  clockParts,
  decimalsOf,
  formatClock,
  formatMetricValue,
  formatNumber,
  formatSpan,
  formatStats,
  formatTimeRange,
  TIME_INCREMENTS,
  timeAxisLabels,
  timeDigits,
  toDisplay,
  VALUE_INCREMENTS,
  valueAxisLabels,
} from "./format.js";

const at = (h: number, m: number, s: number, day = 0) => day * 86_400 + h * 3600 + m * 60 + s;

describe("the clock on the time axis", () => {
  it("shows the time of day", () => {
    expect(formatClock(at(21, 55, 48))).toBe("21:55:48");
    expect(formatClock(0)).toBe("00:00:00");
    expect(formatClock(at(21, 55, 48.185), 3)).toBe("21:55:48.185");
  });

  it("marks the days after midnight (t ≥ 86,400)", () => {
    expect(formatClock(at(0, 0, 12, 1))).toBe("+1d 00:00:12");
    expect(formatClock(at(23, 59, 59, 2))).toBe("+2d 23:59:59");
    expect(clockParts(86_400)).toEqual({ day: 1, text: "00:00:00" });
  });

  it("rounds before splitting, so a moment just before midnight can roll over", () => {
    expect(formatClock(86_399.9996, 3)).toBe("+1d 00:00:00.000");
    expect(formatClock(86_399.4)).toBe("23:59:59");
    expect(formatClock(at(10, 0, 0.05), 1)).toBe("10:00:00.1");
  });

  it("labels ticks with seconds, whole minutes without, and +1d once per new day", () => {
    expect(timeAxisLabels([at(21, 55, 40), at(21, 55, 50)], 10)).toEqual(["21:55:40", "21:55:50"]);
    expect(timeAxisLabels([at(23, 58, 0), at(0, 0, 0, 1), at(0, 2, 0, 1)], 120)).toEqual([
      "23:58",
      "+1d 00:00",
      "00:02",
    ]);
    // A view that starts after midnight says so on its first tick.
    expect(timeAxisLabels([at(0, 5, 0, 1), at(0, 10, 0, 1)], 300)).toEqual(["+1d 00:05", "00:10"]);
    expect(timeAxisLabels([at(1, 2, 3.5)], 0.5)).toEqual(["01:02:03.5"]);
  });

  it("gives sub-second spacings their decimals", () => {
    expect(timeDigits(5)).toBe(0);
    expect(timeDigits(0.5)).toBe(1);
    expect(timeDigits(0.05)).toBe(2);
    expect(timeDigits(0.002)).toBe(3);
    expect([...TIME_INCREMENTS].sort((a, b) => a - b)).toEqual(TIME_INCREMENTS);
  });

  it("describes ranges and spans in words", () => {
    expect(formatTimeRange(at(21, 55, 48), at(21, 58, 10))).toBe("21:55:48 – 21:58:10 (2m 22s)");
    expect(formatTimeRange(at(21, 55, 48), at(21, 55, 51.25))).toBe("21:55:48.0 – 21:55:51.3 (3.3 s)");
    expect(formatSpan(0.25)).toBe("250 ms");
    expect(formatSpan(42)).toBe("42 s");
    expect(formatSpan(3900)).toBe("1h 05m");
  });
});

describe("units", () => {
  it("shows seconds as milliseconds and bytes as KB (1,024 bytes)", () => {
    expect(toDisplay(0.0342, "seconds")).toBeCloseTo(34.2);
    expect(toDisplay(43_008, "bytes")).toBe(42);
    expect(formatMetricValue(0.0342, "seconds")).toBe("34.2 ms");
    expect(formatMetricValue(42_252.7, "bytes")).toBe("41.3 KB");
    expect(formatMetricValue(null, "seconds")).toBe("—");
  });

  it("keeps about three significant figures", () => {
    expect(formatNumber(1234.4)).toBe("1,234");
    expect(formatNumber(123.4)).toBe("123");
    expect(formatNumber(34.24)).toBe("34.2");
    expect(formatNumber(4.421)).toBe("4.42");
    expect(formatNumber(0.4213)).toBe("0.421");
    expect(formatNumber(0)).toBe("0");
  });

  it("labels value axes with the decimals their spacing needs", () => {
    expect(decimalsOf(20)).toBe(0);
    expect(decimalsOf(0.5)).toBe(1);
    expect(decimalsOf(0.05)).toBe(2);
    expect(valueAxisLabels([0, 2000, 4000], 2000)).toEqual(["0", "2,000", "4,000"]);
    expect(valueAxisLabels([0, 0.5, 1], 0.5)).toEqual(["0.0", "0.5", "1.0"]);
    expect(VALUE_INCREMENTS).toContain(0.002);
    expect(VALUE_INCREMENTS).toContain(50);
  });
});

describe("formatStats", () => {
  const stats = {
    count: 2595,
    min: 0.012867,
    max: 0.569706,
    mean: 0.027443,
    median: 0.022973,
    p95: 0.0787891,
    std: 0.0217474,
  };

  it("formats every statistic for people, median and p95 first, count last", () => {
    expect(formatStats(stats, "seconds").map((cell) => [cell.label, cell.value])).toEqual([
      ["Median", "23.0 ms"],
      ["p95", "78.8 ms"],
      ["Max", "570 ms"],
      ["Mean", "27.4 ms"],
      ["Min", "12.9 ms"],
      ["Std dev", "21.7 ms"],
      ["Count", "2,595"],
    ]);
  });

  it("uses KB for sizes and gives nothing for an empty series", () => {
    const sizes = { ...stats, median: 42_252.7, max: 87_005.8 };
    const cells = formatStats(sizes, "bytes");
    expect(cells.find((c) => c.key === "median")?.value).toBe("41.3 KB");
    expect(cells.find((c) => c.key === "max")?.value).toBe("85.0 KB");
    expect(formatStats(null, "bytes")).toEqual([]);
  });
});
