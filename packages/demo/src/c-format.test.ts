import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteSink } from "./byte-sink.js";
import { writeFixed } from "./c-format.js";

const fixed = (value: number): string => {
  const sink = new ByteSink(false, 4);
  writeFixed(sink, value);
  return new TextDecoder().decode(sink.toBytes());
};

describe("writeFixed", () => {
  it("writes exactly what toFixed(6) writes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 2e9 }),
          fc.double(),
          // The metrics the logs print: seconds, bytes, bits a second.
          fc.double({ min: 1e-4, max: 0.1 }),
          fc.double({ min: 1e4, max: 4e7 }),
        ),
        (value) => {
          expect(fixed(value)).toBe(value.toFixed(6));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it("rounds values at and next to a tie as toFixed does", () => {
    // k + 0.5 millionths is rarely exact in binary: these sit a few ulps above or below the tie, on both
    // sides of the margin where writeFixed leaves the rounding to toFixed.
    fc.assert(
      fc.property(fc.nat(2e9), fc.integer({ min: -40, max: 40 }), (k, nudge) => {
        let value = (k + 0.5) / 1e6;
        for (let i = 0; i < Math.abs(nudge); i++) {
          const bits = new Float64Array([value]);
          const ints = new BigInt64Array(bits.buffer);
          ints[0] = (ints[0] as bigint) + (nudge > 0 ? 1n : -1n);
          value = bits[0] as number;
        }
        expect(fixed(value)).toBe(value.toFixed(6));
      }),
      { numRuns: 20_000 },
    );
    for (const value of [0, -0, 5e-7, 1.0000005, 2.5e-7, 999_999_999.9999995, 1e9, 1e21, -1e-9, -3.5])
      expect(fixed(value)).toBe(value.toFixed(6));
    for (const value of [Number.NaN, Number.POSITIVE_INFINITY]) expect(fixed(value)).toBe(value.toFixed(6));
  });
});
