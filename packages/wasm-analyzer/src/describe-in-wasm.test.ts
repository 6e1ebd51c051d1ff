// The statistics ported to WebAssembly against the core's describeValues: same bits for any values,
// including -0, duplicates, infinities, NaN, sorted and adversarial orders, and more than a block.
import { describeValues, METRIC_DEFINITIONS } from "@loupe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeSeriesInWasm } from "./describe-in-wasm.js";
import { Scanner } from "./scanner-module.js";

function describeInWasm(values: readonly number[]) {
  const scanner = new Scanner({ problemEvents: false, times: false });
  for (const v of values) scanner.x.appendPoint(0, 0, v);
  return describeSeriesInWasm(scanner)[0];
}

const valuesArb = fc.oneof(
  fc.array(fc.double(), { maxLength: 200 }),
  fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 2000 }),
  fc.array(fc.constantFrom(0, -0, 1, 2, 0.1, 1e308, -1e308, Number.MAX_VALUE), { maxLength: 100 }),
  fc.array(fc.integer({ min: -3, max: 3 }), { maxLength: 500 }),
);

describe("describeSeriesInWasm", () => {
  it("equals describeValues for any values", () => {
    fc.assert(
      fc.property(valuesArb, (values) => {
        expect(describeInWasm(values)).toEqual(describeValues(values));
      }),
      { numRuns: 600 },
    );
  });

  it("equals describeValues on orders that exhaust the selection's budget, past one block", () => {
    const organPipe = Array.from({ length: 30_000 }, (_, i) => (i < 15_000 ? i : 30_000 - i));
    const sawtooth = Array.from({ length: 20_001 }, (_, i) => (i * 7919) % 1000);
    for (const values of [organPipe, sawtooth, organPipe.slice().reverse()]) {
      expect(describeInWasm(values)).toEqual(describeValues(values));
    }
  });

  it("rounds sums exactly: ties to even, sticky bits, cancellation, subnormals, negative totals", () => {
    const cases: number[][] = [
      [2 ** 53, 1],
      [2 ** 53, 1, 2 ** -40],
      [2 ** 53 + 2, 1],
      [-(2 ** 53), -1, -(2 ** -1000)],
      [1e16, 1, -1e16, 2 ** -1074],
      [2 ** -1074, 2 ** -1074, -(2 ** -1073), 5e-324],
      [1, -1, 2 ** -60],
      [0.1, 0.2, 0.3, -0.6],
      [1e300, 1e-300, -1e300],
      [2 ** 60, 3, -(2 ** 60), 2 ** 8],
      [-0, 0, -0],
      Array.from({ length: 1000 }, (_, i) => (i % 2 === 0 ? 1e15 : 0.1 * i)),
    ];
    for (const values of cases) expect(describeInWasm(values)).toEqual(describeValues(values));
  });

  it("is null for an empty series and covers every definition", () => {
    const scanner = new Scanner({ problemEvents: false, times: false });
    scanner.x.appendPoint(METRIC_DEFINITIONS.length - 1, 1, 5);
    const stats = describeSeriesInWasm(scanner);
    expect(stats).toHaveLength(METRIC_DEFINITIONS.length);
    expect(stats.slice(0, -1).every((s) => s === null)).toBe(true);
    expect(stats.at(-1)).toEqual(describeValues([5]));
  });
});
