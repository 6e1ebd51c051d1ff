/** PostgreSQL through a pg Pool. */
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database as Schema } from "./database.js";

const INT8_OID = 20;
const NUMERIC_OID = 1700;

// Epoch ms and counts are bigint (int8) and sums of bigints are numeric; pg returns both as strings to
// avoid precision loss. Every such value here is far below 2^53, so numbers keep one code path for both
// dialects. Set per pool, not through pg.types, so other pg users in the process are unaffected.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === INT8_OID || oid === NUMERIC_OID) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

export function openPostgres(databaseUrl: string): { db: Kysely<Schema>; release(): Promise<void> } {
  // A connect timeout, so that ready() answers false instead of hanging when the server is unreachable.
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    types,
    max: 10,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client whose server went away emits "error"; unhandled, that would end the process. The pool
  // discards that client, and the next query reports its own error.
  pool.on("error", () => {});
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  let released: Promise<void> | undefined;
  // pg's Pool.end throws when called twice; closing a store twice should not.
  return { db, release: () => (released ??= db.destroy()) };
}
