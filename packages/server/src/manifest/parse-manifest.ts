/**
 * Manifest text → validated connection rows and row errors. The format is detected, not declared:
 * - `{` first: NDJSON, one object per line (a bad line is a row error, the rest still count);
 * - `[` first: a JSON array, or else the Python list literal (its parser also explains errors best);
 * - a name (`LOGS = [`) or a `#` comment first: the Python list literal.
 * A document that cannot be read as a whole throws ManifestSyntaxError: no row of it can be trusted.
 */
import type { ConnectionInput } from "../store/store.js";
import { parsePythonList } from "./python-literal.js";
import {
  type ManifestFormat,
  type ManifestRowError,
  ManifestSyntaxError,
  type ParsedManifest,
} from "./types.js";
import { validateRow } from "./validate-row.js";

/** One row before validation: its value, or why the row could not even be read (a bad NDJSON line). */
type RawRow = { readonly line?: number } & ({ readonly value: unknown } | { readonly unreadable: string });

export function parseManifest(text: string): ParsedManifest {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const { format, rows } = readRows(detectFormat(body), body);
  return { format, ...validateRows(rows) };
}

function detectFormat(text: string): ManifestFormat {
  const first = /\S/.exec(text)?.[0];
  if (first === undefined || first === "{") return "ndjson";
  if (first === "[") return "json"; // may still turn out to be Python: see readRows
  if (first === "#" || /[A-Za-z_(]/.test(first)) return "python";
  throw new ManifestSyntaxError(
    `not a manifest: expected a JSON array, NDJSON or a Python list, but it starts with ${JSON.stringify(first)}`,
  );
}

function readRows(format: ManifestFormat, text: string): { format: ManifestFormat; rows: RawRow[] } {
  if (format === "ndjson") return { format, rows: ndjsonRows(text) };
  if (format === "python") return { format, rows: pythonRows(text) };
  let jsonError: string;
  try {
    // The text starts with "[": if it parses at all, it is an array.
    const items: unknown[] = JSON.parse(text);
    return { format: "json", rows: items.map((value) => ({ value })) };
  } catch (error) {
    jsonError = (error as Error).message;
  }
  try {
    return { format: "python", rows: pythonRows(text) };
  } catch (error) {
    if (!(error instanceof ManifestSyntaxError)) throw error;
    // Say both: the author meant one of them, and we cannot know which.
    throw new ManifestSyntaxError(
      `neither a JSON array (${jsonError}) nor a Python list (${error.detail})`,
      error.line,
      error.column,
    );
  }
}

function pythonRows(text: string): RawRow[] {
  const { items, lines } = parsePythonList(text);
  return items.map((value, i) => ({ value, line: lines[i] }));
}

function ndjsonRows(text: string): RawRow[] {
  const rows: RawRow[] = [];
  const lines = text.split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === "") return;
    try {
      rows.push({ value: JSON.parse(line), line: i + 1 });
    } catch (error) {
      rows.push({ unreadable: `not valid JSON: ${(error as Error).message}`, line: i + 1 });
    }
  });
  const first = rows[0];
  if (first !== undefined && "unreadable" in first && rows.every((row) => "unreadable" in row)) {
    refuseNotNdjson(text, first.unreadable);
  }
  return rows;
}

/** When no line reads, the document is not NDJSON at all: one clear error instead of one per line. */
function refuseNotNdjson(text: string, firstReason: string): never {
  let whole = false;
  try {
    JSON.parse(text);
    whole = true;
  } catch {}
  if (whole) {
    throw new ManifestSyntaxError(
      "one JSON object over several lines: expected a JSON array or one object per line",
    );
  }
  throw new ManifestSyntaxError(`not NDJSON: no line is a JSON value (first line: ${firstReason})`);
}

/** Rows that arrived already parsed (an API request's JSON array), checked like a manifest's rows. */
export function validateManifestValues(values: readonly unknown[]): Pick<ParsedManifest, "rows" | "errors"> {
  return validateRows(values.map((value) => ({ value })));
}

function validateRows(rawRows: readonly RawRow[]): Pick<ParsedManifest, "rows" | "errors"> {
  const rows: ConnectionInput[] = [];
  const errors: ManifestRowError[] = [];
  /** connection_id → the row that first used it (valid or not: a later row never replaces an earlier one). */
  const firstRowOf = new Map<number, number>();
  rawRows.forEach((rawRow, i) => {
    const row = i + 1;
    const at = rawRow.line === undefined ? { row } : { row, line: rawRow.line };
    if ("unreadable" in rawRow) {
      errors.push({ ...at, field: "(row)", reason: rawRow.unreadable });
      return;
    }
    const check = validateRow(rawRow.value);
    const id = check.ok ? check.row.connectionId : check.connectionId;
    const withId = id === undefined ? at : { ...at, connectionId: id };
    const earlier = id === undefined ? undefined : firstRowOf.get(id);
    if (id !== undefined && earlier === undefined) firstRowOf.set(id, row);
    const problems = check.ok ? [] : [...check.problems];
    if (earlier !== undefined) {
      problems.unshift({ field: "connection_id", reason: `duplicate of row ${earlier}` });
    }
    if (problems.length === 0 && check.ok) rows.push(check.row);
    for (const problem of problems) errors.push({ ...withId, ...problem });
  });
  return { rows, errors };
}
