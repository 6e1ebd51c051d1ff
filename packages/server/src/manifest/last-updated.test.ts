import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatLastUpdated, parseLastUpdated } from "./last-updated.js";

describe("parseLastUpdated", () => {
  it.each([
    ["06/30/2020, 21:02", Date.UTC(2020, 5, 30, 21, 2)],
    ["6/3/2020, 1:02", Date.UTC(2020, 5, 3, 1, 2)],
    ["02/29/2020, 00:00", Date.UTC(2020, 1, 29)],
    ["02/29/2000, 00:00", Date.UTC(2000, 1, 29)],
    ["12/31/1999,23:59", Date.UTC(1999, 11, 31, 23, 59)],
    ["  01/01/1970, 00:00 ", 0],
  ])("%s", (text, ms) => {
    expect(parseLastUpdated(text)).toEqual({ ms });
  });

  it.each([
    "02/29/1900, 00:00",
    "02/29/2021, 00:00",
    "04/31/2020, 00:00",
    "00/10/2020, 00:00",
    "10/00/2020, 00:00",
    "10/10/2020, 24:00",
    "10/10/2020, 23:60",
    "10/10/0020, 10:00",
    "2020-10-10 10:00",
    "10/10/2020 10:00",
    "10/10/2020, 10:00:00",
    "10/10/20, 10:00",
    "",
  ])("refuses %j", (text) => {
    expect(parseLastUpdated(text)).toHaveProperty("reason");
  });

  it("inverts formatLastUpdated for every minute from 1970 to 9999", () => {
    const minute = 60_000;
    const max = Math.floor(Date.UTC(9999, 11, 31, 23, 59) / minute);
    fc.assert(
      fc.property(fc.integer({ min: 0, max }), (minutes) => {
        expect(parseLastUpdated(formatLastUpdated(minutes * minute))).toEqual({ ms: minutes * minute });
      }),
    );
  });
});
