import { describe, expect, it } from "vitest";
import { isoTime } from "./iso-time.js";
import { toPatternInsight } from "./patterns.js";

describe("toPatternInsight", () => {
  it("renames the id and shows the moments as ISO 8601 UTC", () => {
    expect(
      toPatternInsight({
        patternId: "abc",
        level: "ERROR",
        template: "Socket <num> closed",
        example: "Socket 12 closed",
        count: 7,
        logs: 3,
        connections: 2,
        users: 2,
        versions: ["v1", "v2"],
        firstSeen: Date.UTC(2020, 5, 30, 21, 2),
        lastSeen: Date.UTC(2020, 6, 1),
        firstVersion: "v1",
      }),
    ).toEqual({
      id: "abc",
      level: "ERROR",
      template: "Socket <num> closed",
      example: "Socket 12 closed",
      count: 7,
      logs: 3,
      connections: 2,
      users: 2,
      versions: ["v1", "v2"],
      firstSeen: "2020-06-30T21:02:00.000Z",
      lastSeen: "2020-07-01T00:00:00.000Z",
      firstVersion: "v1",
    });
  });
});

describe("isoTime", () => {
  it("is null for what is no moment, instead of throwing", () => {
    expect(isoTime(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(isoTime(Number.NaN)).toBeNull();
    expect(isoTime(9e15)).toBeNull();
    expect(isoTime(null)).toBeNull();
  });
});
