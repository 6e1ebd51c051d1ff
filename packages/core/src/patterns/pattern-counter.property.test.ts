import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PatternCounter } from "./pattern-counter.js";

const LEVELS = ["ERROR", "WARNING", "FATAL_ERROR"];
const additions = fc.array(
  fc.record({
    level: fc.constantFrom(...LEVELS),
    message: fc.oneof(
      fc.constantFrom("Failed to connect", "Failed to send", "packet 1", "packet 22", "at 10.0.0.1:80", "x"),
      fc.string({ maxLength: 12 }),
    ),
    time: fc.option(fc.integer({ min: 0, max: 86_400 }), { nil: undefined }),
  }),
  { maxLength: 60 },
);

type Addition = { level: string; message: string; time: number | undefined };

function counterOf(adds: readonly Addition[], maxPatterns?: number): PatternCounter {
  const counter = new PatternCounter(maxPatterns === undefined ? {} : { maxPatterns });
  for (const { level, message, time } of adds) counter.add(level, message, time);
  return counter;
}

function countsOf(counter: PatternCounter): Map<string, number> {
  return new Map(counter.all().map((p) => [`${p.level}\n${p.template}`, p.count]));
}

describe("PatternCounter: properties", () => {
  it("counts every add exactly once, cap or no cap", () => {
    fc.assert(
      fc.property(additions, fc.integer({ min: 0, max: 5 }), (adds, maxPatterns) => {
        const counter = counterOf(adds, maxPatterns);
        const sum = counter.all().reduce((total, p) => total + p.count, 0);
        expect(sum).toBe(adds.length);
        expect(counter.totalCount).toBe(adds.length);
        expect(counter.patternCount).toBeLessThanOrEqual(maxPatterns);
      }),
    );
  });

  it("merges commutatively, and like one counter fed both logs", () => {
    fc.assert(
      fc.property(additions, additions, (left, right) => {
        const ab = counterOf(left).merge(counterOf(right));
        const ba = counterOf(right).merge(counterOf(left));
        expect(countsOf(ab)).toEqual(countsOf(ba));
        expect(countsOf(ab)).toEqual(countsOf(counterOf([...left, ...right])));
      }),
    );
  });

  it("keeps totals when merging full counters", () => {
    fc.assert(
      fc.property(additions, additions, fc.integer({ min: 0, max: 3 }), (left, right, maxPatterns) => {
        const merged = counterOf(left, maxPatterns).merge(counterOf(right, maxPatterns));
        expect(merged.totalCount).toBe(left.length + right.length);
        expect(merged.all().reduce((total, p) => total + p.count, 0)).toBe(left.length + right.length);
      }),
    );
  });
});
