import { describe, expect, it } from "vitest";
import { dayMarker, formatClock } from "./clock.js";

describe("formatClock", () => {
  it("shows HH:MM:SS.mmm", () => {
    expect(formatClock(0)).toEqual({ clock: "00:00:00.000", day: 0 });
    expect(formatClock(3723.123456)).toEqual({ clock: "01:02:03.123", day: 0 });
    expect(formatClock(75_731.5)).toEqual({ clock: "21:02:11.500", day: 0 });
  });

  it("is not fooled by binary fractions", () => {
    expect(formatClock(23835.74).clock).toBe("06:37:15.740");
    expect(formatClock(0.3).clock).toBe("00:00:00.300");
    expect(formatClock(4.035).clock).toBe("00:00:04.035");
  });

  it("cuts to the millisecond instead of rounding into the next second", () => {
    expect(formatClock(59.9996).clock).toBe("00:00:59.999");
    expect(formatClock(86_399.9999).clock).toBe("23:59:59.999");
  });

  it("rolls over at midnight and says which day", () => {
    expect(formatClock(86_400)).toEqual({ clock: "00:00:00.000", day: 1 });
    expect(formatClock(86_405.25)).toEqual({ clock: "00:00:05.250", day: 1 });
    expect(formatClock(2 * 86_400 + 3600)).toEqual({ clock: "01:00:00.000", day: 2 });
  });

  it("counts a time before the first midnight backwards", () => {
    expect(formatClock(-1)).toEqual({ clock: "23:59:59.000", day: -1 });
  });

  it("marks days after the first", () => {
    expect(dayMarker(0)).toBe("");
    expect(dayMarker(1)).toBe("+1d");
    expect(dayMarker(-1)).toBe("-1d");
  });
});
