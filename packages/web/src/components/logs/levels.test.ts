import { describe, expect, it } from "vitest";
import { effectiveLevels, levelsPresent, levelTone } from "./levels.js";

describe("levelsPresent", () => {
  it("sums both logs and orders by severity, unknown levels last", () => {
    expect(
      levelsPresent([
        { INFO: 10, WARNING: 2, TRACE: 1 },
        { ERROR: 1, INFO: 5, DEBUG: 0, FATAL_ERROR: 1 },
      ]),
    ).toEqual([
      { level: "FATAL_ERROR", count: 1 },
      { level: "ERROR", count: 1 },
      { level: "WARNING", count: 2 },
      { level: "INFO", count: 15 },
      { level: "TRACE", count: 1 },
    ]);
  });

  it("ignores logs without counts", () => {
    expect(levelsPresent([null, { INFO: 3 }])).toEqual([{ level: "INFO", count: 3 }]);
    expect(levelsPresent([null, null])).toEqual([]);
  });
});

describe("effectiveLevels", () => {
  it("keeps the chosen levels this view has, in chip order", () => {
    const present = levelsPresent([{ INFO: 1, WARNING: 1, ERROR: 1 }]);
    expect(effectiveLevels(new Set(["WARNING", "ERROR"]), present)).toEqual(["ERROR", "WARNING"]);
    expect(effectiveLevels(new Set(["DEBUG"]), present)).toEqual([]);
    expect(effectiveLevels(new Set(), present)).toEqual([]);
  });
});

describe("levelTone", () => {
  it("tints errors and warnings only", () => {
    expect(levelTone("ERROR")).toBe("error");
    expect(levelTone("FATAL_ERROR")).toBe("error");
    expect(levelTone("WARNING")).toBe("warning");
    expect(levelTone("INFO")).toBeUndefined();
  });
});
