import { describe, expect, it } from "vitest";
import {
  combinedShare,
  formatAbsolute,
  formatCount,
  formatDuration,
  formatKB,
  formatMs,
  formatPercent,
  formatRate,
  formatRelative,
  formatUpdated,
  formatUpdatedTitle,
  NONE,
  shortVersion,
} from "./format.js";
import { statusAccessibleText } from "./log-status.js";

describe("formatCount", () => {
  it("groups thousands and says none for missing values", () => {
    expect(formatCount(17226)).toBe("17,226");
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatCount(0)).toBe("0");
    expect(formatCount(null)).toBe(NONE);
    expect(formatCount(Number.NaN)).toBe(NONE);
  });
});

describe("formatPercent / formatRate", () => {
  it("gives small shares more digits", () => {
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(0.004)).toBe("<0.01%");
    expect(formatPercent(0.5805)).toBe("0.58%");
    expect(formatPercent(4.26)).toBe("4.3%");
    expect(formatPercent(42.6)).toBe("43%");
    expect(formatPercent(null)).toBe(NONE);
  });
  it("reads rates as fractions", () => {
    expect(formatRate(0.000252)).toBe("0.03%");
    expect(formatRate(0.5)).toBe("50%");
  });
});

describe("formatMs", () => {
  it("turns seconds into milliseconds with sensible precision", () => {
    expect(formatMs(0.022973)).toBe("23 ms");
    expect(formatMs(0.0044)).toBe("4.4 ms");
    expect(formatMs(0.00042)).toBe("0.42 ms");
    expect(formatMs(1.234)).toBe("1.2 s");
    expect(formatMs(12.6)).toBe("13 s");
    expect(formatMs(undefined)).toBe(NONE);
  });
});

describe("formatKB / formatDuration", () => {
  it("formats sizes in KB", () => {
    expect(formatKB(61_597)).toBe("60.2 KB");
    expect(formatKB(188_219)).toBe("184 KB");
  });
  it("formats durations compactly", () => {
    expect(formatDuration(0.4)).toBe("<1s");
    expect(formatDuration(45)).toBe("45s");
    expect(formatDuration(1310.76)).toBe("21m 51s");
    expect(formatDuration(3 * 3600 + 5 * 60 + 9)).toBe("3h 05m");
    expect(formatDuration(null)).toBe(NONE);
  });
});

describe("times", () => {
  const now = Date.parse("2020-07-01T12:00:00Z");
  it("says how long ago", () => {
    expect(formatRelative("2020-07-01T11:55:00Z", now)).toBe("5 minutes ago");
    expect(formatRelative("2020-06-30T12:00:00Z", now)).toBe("yesterday");
    expect(formatRelative("2014-07-01T12:00:00Z", now)).toBe("6 years ago");
    expect(formatRelative(null, now)).toBe(NONE);
    expect(formatRelative("not a date", now)).toBe(NONE);
  });
  it("shows recent times relative and old ones as a date", () => {
    expect(formatUpdated("2020-07-01T09:00:00Z", now)).toBe("3 hours ago");
    expect(formatUpdated("2020-05-01T09:00:00Z", now)).toBe("1 May 2020");
    expect(formatUpdatedTitle("2020-05-01T09:00:00Z", now)).toBe("1 May 2020, 09:00:00 UTC (2 months ago)");
  });
  it("gives the absolute time in UTC", () => {
    expect(formatAbsolute("2020-06-30T17:48:00.000Z")).toBe("30 Jun 2020, 17:48:00 UTC");
  });
});

describe("shortVersion", () => {
  it("keeps the commit part or the head of a bare hash", () => {
    expect(shortVersion("c47d0e5-5A8F3C27")).toBe("c47d0e5");
    expect(shortVersion("8E1D5B7A40C2F964")).toBe("8E1D5B7A");
    expect(shortVersion("1.2.3")).toBe("1.2.3");
    expect(shortVersion(null)).toBe(NONE);
  });
});

describe("combinedShare", () => {
  it("adds both logs and ignores a log without counts", () => {
    expect(combinedShare({ entries: 100, count: 1 }, { entries: 300, count: 3 })).toEqual({
      count: 4,
      percent: 1,
    });
    expect(combinedShare({ entries: null, count: null }, { entries: 50, count: 5 })).toEqual({
      count: 5,
      percent: 10,
    });
    expect(combinedShare({ entries: null, count: null }, { entries: null, count: null })).toEqual({
      count: null,
      percent: null,
    });
  });
});

describe("statusAccessibleText", () => {
  it("names the log and the reason in words", () => {
    expect(statusAccessibleText("server", "missing")).toBe("Server log: missing at the source");
    expect(statusAccessibleText("client", "not_recorded")).toBe("Client log: not uploaded");
    expect(statusAccessibleText("client", "unavailable")).toBe("Client log: temporarily unavailable");
    expect(statusAccessibleText("server", "invalid")).toBe("Server log: not a log file");
    expect(statusAccessibleText("client", "pending")).toBe("Client log: being fetched and parsed");
  });
});
