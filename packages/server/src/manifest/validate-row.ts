/**
 * One manifest row (a parsed JSON or Python value) → a ConnectionInput, or every reason it is not one.
 * Field rules follow log-format.md: nullable text fields treat "" (and an absent key) as null.
 * Uniqueness of connection_id is checked by the caller, which sees all rows.
 */
import type { ConnectionInput } from "../store/store.js";
import { parseLastUpdated } from "./last-updated.js";
import type { ManifestRowError } from "./types.js";

export type RowProblem = Pick<ManifestRowError, "field" | "reason">;

export type RowCheck =
  | { readonly ok: true; readonly row: ConnectionInput }
  | { readonly ok: false; readonly connectionId?: number; readonly problems: readonly RowProblem[] };

type Field<T> = { readonly value: T } | { readonly reason: string };

export function validateRow(raw: unknown): RowCheck {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    return { ok: false, problems: [{ field: "(row)", reason: `expected an object, got ${describe(raw)}` }] };
  }
  const get = (key: string): unknown =>
    Object.hasOwn(raw, key) ? (raw as Record<string, unknown>)[key] : undefined;
  const fields = {
    connection_id: connectionIdOf(get("connection_id")),
    username: nullableText(get("username")),
    ip: requiredText(get("ip")),
    last_updated: lastUpdatedOf(get("last_updated")),
    version: nullableText(get("version")),
    client_logs: nullableUrl(get("client_logs")),
    server_logs: nullableUrl(get("server_logs")),
  };
  const problems: RowProblem[] = [];
  for (const [field, result] of Object.entries(fields)) {
    if ("reason" in result) problems.push({ field, reason: result.reason });
  }
  const id = fields.connection_id;
  if (problems.length > 0)
    return "value" in id ? { ok: false, connectionId: id.value, problems } : { ok: false, problems };
  return {
    ok: true,
    row: {
      connectionId: accepted(fields.connection_id),
      username: accepted(fields.username),
      ip: accepted(fields.ip),
      version: accepted(fields.version),
      lastUpdated: accepted(fields.last_updated),
      clientUrl: accepted(fields.client_logs),
      serverUrl: accepted(fields.server_logs),
    },
  };
}

function accepted<T>(field: Field<T>): T {
  if ("reason" in field) throw new Error(`unreachable: ${field.reason}`);
  return field.value;
}

function connectionIdOf(value: unknown): Field<number> {
  if (value === undefined) return { reason: "missing" };
  // Safe integers only: larger ones would silently collide after rounding to a double.
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    return { reason: `expected a non-negative integer, got ${describe(value)}` };
  }
  return { value };
}

function nullableText(value: unknown): Field<string | null> {
  if (value === undefined || value === null || value === "") return { value: null };
  if (typeof value !== "string") return { reason: `expected a string or null, got ${describe(value)}` };
  return { value };
}

function requiredText(value: unknown): Field<string> {
  if (value === undefined) return { reason: "missing" };
  if (typeof value !== "string") return { reason: `expected a string, got ${describe(value)}` };
  const text = value.trim();
  return text === "" ? { reason: "empty" } : { value: text };
}

function lastUpdatedOf(value: unknown): Field<number> {
  if (value === undefined) return { reason: "missing" };
  if (typeof value !== "string") return { reason: `expected "MM/DD/YYYY, HH:MM", got ${describe(value)}` };
  const parsed = parseLastUpdated(value);
  return "ms" in parsed ? { value: parsed.ms } : parsed;
}

function nullableUrl(value: unknown): Field<string | null> {
  const text = nullableText(value);
  if ("reason" in text || text.value === null) return text;
  const trimmed = text.value.trim();
  if (trimmed === "") return { value: null };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { reason: `not a URL: ${describe(trimmed)}` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return { reason: `only http(s) URLs are fetched, got ${url.protocol}` };
  }
  // Kept as written: logs are keyed by URL, and the export spells a shared URL the same way each time.
  return { value: trimmed };
}

/** A short description of a bad value for a message: type and a clipped rendering. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  const clipped = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return `${typeof value} ${clipped}`;
}
