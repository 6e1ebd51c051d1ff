/**
 * The connection list's keyset cursor: the last row's sort key and connection id, with the sort it belongs
 * to, as base64url JSON. The next page starts strictly after that (key, id) pair, so rows inserted between
 * requests neither repeat nor shift rows already shown.
 */
import type { ConnectionSort } from "../store.js";
import { InvalidCursorError } from "../store.js";

export interface CursorPosition {
  readonly sort: ConnectionSort;
  readonly order: "asc" | "desc";
  /** The sort key of the last row shown; null only for a nullable key (medianLatency). */
  readonly key: number | null;
  readonly connectionId: number;
}

interface CursorJson {
  readonly s: ConnectionSort;
  readonly o: "asc" | "desc";
  readonly k: number | null;
  readonly id: number;
}

export function encodeCursor(position: CursorPosition): string {
  const json: CursorJson = {
    s: position.sort,
    o: position.order,
    k: position.key,
    id: position.connectionId,
  };
  return Buffer.from(JSON.stringify(json), "utf8").toString("base64url");
}

/** Decodes a cursor issued for `sort`/`order`; anything else throws InvalidCursorError. */
export function decodeCursor(cursor: string, sort: ConnectionSort, order: "asc" | "desc"): CursorPosition {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) throw new InvalidCursorError("not base64url");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError("not JSON");
  }
  if (typeof parsed !== "object" || parsed === null) throw new InvalidCursorError("not an object");
  const { s, o, k, id } = parsed as Record<string, unknown>;
  if (s !== sort || o !== order) throw new InvalidCursorError("issued for another sort order");
  if (typeof id !== "number" || !Number.isSafeInteger(id)) throw new InvalidCursorError("bad connection id");
  // lastUpdated and errors are integers (bigint on PostgreSQL: a fraction there would be a query error).
  const keyIsValid =
    typeof k === "number"
      ? sort === "medianLatency"
        ? Number.isFinite(k)
        : Number.isSafeInteger(k)
      : k === null && sort === "medianLatency";
  if (!keyIsValid) throw new InvalidCursorError("bad sort key");
  return { sort, order, key: k as number | null, connectionId: id };
}
