/**
 * Many doubles out of the database as one value: an aggregate that packs a column into a byte string of
 * big-endian float64s (PostgreSQL: `string_agg(float8send(x))`; SQLite: `loupe_pack_f64`, registered on
 * the connection by sqlite.ts), decoded into one Float64Array. 100,000 values are 800 KB and no row
 * objects; the values arrive bit for bit, so what JavaScript computes from them is what it computed from
 * rows.
 */
import { type RawBuilder, sql } from "kysely";
import type { DialectName } from "./database.js";

export const SQLITE_PACK_FUNCTION = "loupe_pack_f64";

/** `expr` packed, in `orderBy` order if given (SQL fragments); null over no rows (nulls are skipped). */
export function packedDoubles(
  dialect: DialectName,
  expr: RawBuilder<unknown>,
  orderBy?: RawBuilder<unknown>,
): RawBuilder<Uint8Array | null> {
  const order = orderBy === undefined ? sql`` : sql` order by ${orderBy}`;
  return dialect === "postgres"
    ? sql`string_agg(float8send((${expr})::float8), ''::bytea${order})`
    : sql`${sql.raw(SQLITE_PACK_FUNCTION)}(${expr}${order})`;
}

export function unpackDoubles(packed: Uint8Array | null): Float64Array {
  if (packed === null) return new Float64Array(0);
  const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
  const values = new Float64Array(packed.byteLength / 8);
  for (let i = 0; i < values.length; i++) values[i] = view.getFloat64(i * 8, false);
  return values;
}

/** The SQLite aggregate: numbers in, big-endian float64 bytes out (null values skipped, as SQL's do). */
export const sqlitePackAggregate = {
  start: (): number[] => [],
  step: (values: number[], value: unknown): void => {
    if (value !== null) values.push(Number(value));
  },
  result: (values: number[]): Buffer | null => {
    if (values.length === 0) return null;
    const bytes = Buffer.allocUnsafe(values.length * 8);
    for (let i = 0; i < values.length; i++) bytes.writeDoubleBE(values[i] as number, i * 8);
    return bytes;
  },
};
