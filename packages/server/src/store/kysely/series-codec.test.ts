import { describe, expect, it } from "vitest";
import { decodeSeries, encodeSeries } from "./series-codec.js";

describe("series codec", () => {
  it("round-trips times and values bit for bit, including awkward doubles", () => {
    const t = Float64Array.from([0, 0.000001, 86_399.999999, 86_400 + 1e-9, Number.MAX_VALUE]);
    const v = Float64Array.from([-0, 5e-324, 0.1 + 0.2, -1.7976931348623157e308, 123_456.789]);
    const decoded = decodeSeries(encodeSeries({ t, v }), t.length);
    expect([...decoded.t]).toEqual([...t]);
    expect([...decoded.v]).toEqual([...v]);
    expect(Object.is(decoded.v[0], -0)).toBe(true);
  });

  it("lays out little-endian Float64 times, then values", () => {
    const bytes = encodeSeries({ t: Float64Array.of(1, 2), v: Float64Array.of(3, 4) });
    expect(bytes.byteLength).toBe(32);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    expect([0, 8, 16, 24].map((offset) => view.getFloat64(offset, true))).toEqual([1, 2, 3, 4]);
  });

  it("decodes from an unaligned offset inside a larger buffer (as drivers hand out Buffers)", () => {
    const bytes = encodeSeries({ t: Float64Array.of(10, 20, 30), v: Float64Array.of(0.5, 0.25, 0.125) });
    const pool = Buffer.alloc(bytes.byteLength + 3);
    pool.set(bytes, 3);
    const decoded = decodeSeries(pool.subarray(3), 3);
    expect([...decoded.t]).toEqual([10, 20, 30]);
    expect([...decoded.v]).toEqual([0.5, 0.25, 0.125]);
  });

  it("round-trips an empty series and a long one", () => {
    expect(decodeSeries(encodeSeries({ t: new Float64Array(0), v: new Float64Array(0) }), 0).t.length).toBe(
      0,
    );
    const n = 100_000;
    const t = Float64Array.from({ length: n }, (_, i) => i * 0.5);
    const v = Float64Array.from({ length: n }, (_, i) => Math.sin(i));
    const decoded = decodeSeries(encodeSeries({ t, v }), n);
    // Byte comparison: a deep equality over 100,000 elements is slow and says no more.
    expect(bytesOf(decoded.t).equals(bytesOf(t))).toBe(true);
    expect(bytesOf(decoded.v).equals(bytesOf(v))).toBe(true);
  });

  it("refuses columns of different lengths and data that does not match the stored point count", () => {
    expect(() => encodeSeries({ t: Float64Array.of(1), v: new Float64Array(0) })).toThrow(RangeError);
    const bytes = encodeSeries({ t: Float64Array.of(1, 2), v: Float64Array.of(3, 4) });
    expect(() => decodeSeries(bytes, 3)).toThrow(RangeError);
    expect(() => decodeSeries(bytes.subarray(0, 31), 2)).toThrow(RangeError);
  });
});

function bytesOf(column: Float64Array): Buffer {
  return Buffer.from(column.buffer, column.byteOffset, column.byteLength);
}
