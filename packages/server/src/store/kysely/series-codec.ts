/**
 * One metric series as one binary value: `n` little-endian Float64 times, then `n` values (16·n bytes).
 * Compact, exact (no decimal round trip) and decoded straight into the columns the API serves.
 */
import type { SeriesColumns } from "../store.js";

const BYTES = Float64Array.BYTES_PER_ELEMENT;
const LITTLE_ENDIAN_HOST = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

export function encodeSeries(series: SeriesColumns): Uint8Array {
  const n = series.t.length;
  if (series.v.length !== n) {
    throw new RangeError(`series has ${n} times but ${series.v.length} values`);
  }
  if (LITTLE_ENDIAN_HOST) {
    const columns = new Float64Array(2 * n);
    columns.set(series.t, 0);
    columns.set(series.v, n);
    return new Uint8Array(columns.buffer);
  }
  const bytes = new Uint8Array(2 * n * BYTES);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < n; i++) {
    view.setFloat64(i * BYTES, series.t[i] as number, true);
    view.setFloat64((n + i) * BYTES, series.v[i] as number, true);
  }
  return bytes;
}

/** Decodes what `encodeSeries` wrote; `pointCount` (stored beside it) guards against a truncated value. */
export function decodeSeries(data: Uint8Array, pointCount: number): SeriesColumns {
  if (data.byteLength !== 2 * pointCount * BYTES) {
    throw new RangeError(`series data has ${data.byteLength} bytes, expected ${2 * pointCount * BYTES}`);
  }
  // Copy: a driver's Buffer may sit at an offset that is not a multiple of 8 inside a shared pool.
  const aligned = new Uint8Array(data);
  if (LITTLE_ENDIAN_HOST) {
    const columns = new Float64Array(aligned.buffer, 0, 2 * pointCount);
    return { t: columns.subarray(0, pointCount), v: columns.subarray(pointCount) };
  }
  const view = new DataView(aligned.buffer);
  const t = new Float64Array(pointCount);
  const v = new Float64Array(pointCount);
  for (let i = 0; i < pointCount; i++) {
    t[i] = view.getFloat64(i * BYTES, true);
    v[i] = view.getFloat64((pointCount + i) * BYTES, true);
  }
  return { t, v };
}
