import { describe, expect, it } from "vitest";
import { countTicks, TICK_LEVELS, tickMarks, ticksFromLogItems } from "./ticks.js";

describe("ticksFromLogItems", () => {
  it("puts each log's ERROR and WARNING entries on its own charts, in time order", () => {
    const ticks = ticksFromLogItems([
      { side: "server", time: 30, level: "WARNING" },
      { side: "client", time: 20, level: "ERROR" },
      { side: "client", time: 10, level: "WARNING" },
      { side: "server", time: 5, level: "FATAL_ERROR" },
      { side: "client", time: 15, level: "INFO" },
      { side: "client", time: 16, level: "DEBUG" },
    ]);
    expect(ticks.client).toEqual([
      { t: 10, level: "warning" },
      { t: 20, level: "error" },
    ]);
    expect(ticks.server).toEqual([
      { t: 5, level: "error" },
      { t: 30, level: "warning" },
    ]);
  });

  it("skips entries without a usable time and counts by level", () => {
    const ticks = ticksFromLogItems([
      { side: "client", time: Number.NaN, level: "ERROR" },
      { side: "client", time: 1, level: "ERROR" },
      { side: "client", time: 2, level: "WARNING" },
      { side: "client", time: 3, level: "WARNING" },
    ]);
    expect(countTicks(ticks.client)).toEqual({ error: 1, warning: 2 });
  });

  it("asks the logs endpoint for exactly the levels that become ticks", () => {
    expect(TICK_LEVELS.split(",").sort()).toEqual(["ERROR", "FATAL_ERROR", "WARNING"]);
  });
});

describe("tickMarks", () => {
  it("maps times in view to pixel columns and leaves the others out", () => {
    const marks = tickMarks(
      [
        { t: 0, level: "warning" },
        { t: 50, level: "error" },
        { t: 100, level: "warning" },
        { t: 150, level: "error" },
      ],
      0,
      100,
      101,
    );
    expect(marks).toEqual([
      { x: 0, level: "warning" },
      { x: 50, level: "error" },
      { x: 100, level: "warning" },
    ]);
  });

  it("draws one mark per column, and an error wins over warnings in the same column", () => {
    const burst = Array.from({ length: 1000 }, (_, i) => ({ t: 10 + i / 1000, level: "warning" as const }));
    const marks = tickMarks([...burst, { t: 10.5, level: "error" }], 0, 100, 100);
    expect(marks).toHaveLength(2);
    expect(marks.find((m) => m.level === "error")).toEqual({ x: 10, level: "error" });
  });

  it("draws nothing on an empty range or width", () => {
    expect(tickMarks([{ t: 1, level: "error" }], 5, 5, 100)).toEqual([]);
    expect(tickMarks([{ t: 1, level: "error" }], 0, 10, 0)).toEqual([]);
  });
});
