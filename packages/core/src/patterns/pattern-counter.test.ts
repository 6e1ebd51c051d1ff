import { describe, expect, it } from "vitest";
import {
  MAX_EXAMPLE_LENGTH,
  MAX_TEMPLATE_LENGTH,
  OTHER_TEMPLATE,
  PatternCounter,
  type PatternStats,
} from "./pattern-counter.js";
import { patternId } from "./pattern-id.js";
import { isProblemLevel } from "./problem-level.js";

/** A distinct word of letters for each number, so that masking keeps the messages apart. */
function lettersOf(n: number): string {
  let word = "";
  for (let rest = n; word === "" || rest > 0; rest = Math.floor(rest / 26)) {
    word += String.fromCharCode(97 + (rest % 26));
  }
  return word;
}

function find(counter: PatternCounter, level: string, template: string): PatternStats | undefined {
  return counter.all().find((p) => p.level === level && p.template === template);
}

describe("PatternCounter", () => {
  it("counts per level and template, keeping the first example and the time span", () => {
    const counter = new PatternCounter();
    counter.add("WARNING", "Could not decode packet 4411, requesting iframe", 10.5);
    counter.add("WARNING", "Could not decode packet 97, requesting iframe", 12);
    counter.add("ERROR", "Could not decode packet 5, requesting iframe", 11);
    const template = "Could not decode packet <num>, requesting iframe";
    expect(find(counter, "WARNING", template)).toEqual({
      id: patternId(template),
      template,
      level: "WARNING",
      count: 2,
      example: "Could not decode packet 4411, requesting iframe",
      firstTime: 10.5,
      lastTime: 12,
    });
    expect(find(counter, "ERROR", template)?.count).toBe(1);
    expect(counter.patternCount).toBe(2);
    expect(counter.totalCount).toBe(3);
  });

  it("takes the earliest and latest times whatever the order, and null without times", () => {
    const counter = new PatternCounter();
    counter.add("ERROR", "a 1", 50);
    counter.add("ERROR", "a 2", 40);
    counter.add("ERROR", "a 3", Number.NaN);
    counter.add("WARNING", "b");
    expect(find(counter, "ERROR", "a <num>")).toMatchObject({ firstTime: 40, lastTime: 50, example: "a 2" });
    expect(find(counter, "WARNING", "b")).toMatchObject({ firstTime: null, lastTime: null, example: "b" });
  });

  it("sorts by count, then template, then level", () => {
    const counter = new PatternCounter();
    for (const [level, message] of [
      ["ERROR", "b"],
      ["ERROR", "c 1"],
      ["ERROR", "c 2"],
      ["WARNING", "a"],
      ["ERROR", "a"],
    ] as const) {
      counter.add(level, message);
    }
    expect(counter.all().map((p) => `${p.count} ${p.template} ${p.level}`)).toEqual([
      "2 c <num> ERROR",
      "1 a ERROR",
      "1 a WARNING",
      "1 b ERROR",
    ]);
    expect(counter.top(2).map((p) => p.template)).toEqual(["c <num>", "a"]);
    expect(counter.top(0)).toEqual([]);
  });

  it("counts patterns beyond the cap into an <other> bucket per level", () => {
    const counter = new PatternCounter({ maxPatterns: 2 });
    counter.add("ERROR", "first");
    counter.add("ERROR", "second");
    counter.add("ERROR", "third", 7);
    counter.add("WARNING", "fourth");
    counter.add("ERROR", "first");
    expect(counter.patternCount).toBe(2);
    expect(counter.overflowCount).toBe(2);
    expect(counter.totalCount).toBe(5);
    expect(find(counter, "ERROR", "first")?.count).toBe(2);
    expect(find(counter, "ERROR", OTHER_TEMPLATE)).toMatchObject({
      count: 1,
      example: "third",
      firstTime: 7,
    });
    expect(find(counter, "WARNING", OTHER_TEMPLATE)).toMatchObject({ count: 1, example: "fourth" });
  });

  it("keeps the default cap when given NaN, and no cap when given Infinity", () => {
    const nan = new PatternCounter({ maxPatterns: Number.NaN });
    const unlimited = new PatternCounter({ maxPatterns: Number.POSITIVE_INFINITY });
    for (let i = 0; i < 10_050; i++) {
      const message = `distinct ${lettersOf(i)}`;
      nan.add("ERROR", message);
      unlimited.add("ERROR", message);
    }
    expect(nan.patternCount).toBe(10_000);
    expect(nan.overflowCount).toBe(50);
    expect(unlimited.patternCount).toBe(10_050);
  });

  it("bounds the memory of a log whose messages are all different", () => {
    const counter = new PatternCounter({ maxPatterns: 100 });
    for (let i = 0; i < 5000; i++) counter.add("ERROR", `unique ${lettersOf(i)}`);
    expect(counter.patternCount).toBe(100);
    expect(counter.all()).toHaveLength(101);
    expect(counter.totalCount).toBe(5000);
  });

  it("cuts long examples and templates", () => {
    const counter = new PatternCounter();
    const long = `start ${"word ".repeat(1000)}`;
    counter.add("ERROR", long);
    const [pattern] = counter.all();
    expect(pattern?.example.length).toBe(MAX_EXAMPLE_LENGTH);
    expect(pattern?.example.endsWith("…")).toBe(true);
    expect(pattern?.template.length).toBe(MAX_TEMPLATE_LENGTH);
    expect(long.startsWith(pattern?.example.slice(0, -1) ?? "x")).toBe(true);
  });

  it("merges counts, times and examples; the merged-in counter is unchanged", () => {
    const early = new PatternCounter();
    early.add("ERROR", "lost 1", 5);
    const late = new PatternCounter();
    late.add("ERROR", "lost 2", 9);
    late.add("WARNING", "slow");
    late.merge(early);
    expect(find(late, "ERROR", "lost <num>")).toMatchObject({
      count: 2,
      example: "lost 1",
      firstTime: 5,
      lastTime: 9,
    });
    expect(late.totalCount).toBe(3);
    expect(early.totalCount).toBe(1);
    expect(find(early, "ERROR", "lost <num>")?.count).toBe(1);
  });

  it("merges <other> buckets into <other> buckets", () => {
    const a = new PatternCounter({ maxPatterns: 1 });
    a.add("ERROR", "x");
    a.add("ERROR", "y");
    const b = new PatternCounter({ maxPatterns: 1 });
    b.add("ERROR", "z");
    b.merge(a);
    expect(b.overflowCount).toBe(2);
    expect(find(b, "ERROR", OTHER_TEMPLATE)?.count).toBe(2);
    expect(b.totalCount).toBe(3);
  });
});

describe("isProblemLevel", () => {
  it("is true for ERROR, FATAL_ERROR and WARNING only", () => {
    expect(["ERROR", "FATAL_ERROR", "WARNING"].every(isProblemLevel)).toBe(true);
    expect(["INFO", "DEBUG", "error", "Warning", ""].some(isProblemLevel)).toBe(false);
  });
});
