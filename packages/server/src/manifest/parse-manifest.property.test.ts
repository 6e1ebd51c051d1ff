import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConnectionInput } from "../store/store.js";
import { formatLastUpdated } from "./last-updated.js";
import { parseManifest } from "./parse-manifest.js";

const MINUTE = 60_000;
const text = fc.string({ unit: "binary", minLength: 1, maxLength: 24 });
const trimmedText = text.map((s) => s.trim()).filter((s) => s !== "");
const url = fc.webUrl({ validSchemes: ["http", "https"], withQueryParameters: true, withFragments: true });

const connection: fc.Arbitrary<ConnectionInput> = fc.record({
  connectionId: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  username: fc.option(text, { nil: null }),
  ip: trimmedText,
  version: fc.option(text, { nil: null }),
  lastUpdated: fc
    .integer({ min: 0, max: Math.floor(Date.UTC(9999, 11, 31) / MINUTE) })
    .map((m) => m * MINUTE),
  clientUrl: fc.option(url, { nil: null }),
  serverUrl: fc.option(url, { nil: null }),
});
const connections = fc.uniqueArray(connection, { selector: (c) => c.connectionId, maxLength: 12 });

/** How null is written: null/None, "" or a left-out key (all mean null for the nullable fields). */
type NullStyle = "null" | "empty" | "absent";

function exportRow(c: ConnectionInput, nullStyle: NullStyle): Record<string, unknown> {
  const row: Record<string, unknown> = {
    connection_id: c.connectionId,
    ip: c.ip,
    last_updated: formatLastUpdated(c.lastUpdated),
  };
  const nullable = {
    username: c.username,
    version: c.version,
    client_logs: c.clientUrl,
    server_logs: c.serverUrl,
  };
  for (const [key, value] of Object.entries(nullable)) {
    if (value !== null) row[key] = value;
    else if (nullStyle === "null") row[key] = null;
    else if (nullStyle === "empty") row[key] = "";
  }
  return row;
}

interface PythonStyle {
  readonly quote: "'" | '"';
  readonly triple: boolean;
  readonly prefix: "" | "u" | "U";
  /** Code points whose value modulo 4 is below this are written as escapes. */
  readonly escapeBelow: number;
  readonly split: boolean;
  readonly trailingComma: boolean;
  readonly comments: boolean;
  readonly assignment: boolean;
}

const pythonStyle: fc.Arbitrary<PythonStyle> = fc.record({
  quote: fc.constantFrom("'" as const, '"' as const),
  triple: fc.boolean(),
  prefix: fc.constantFrom("" as const, "u" as const, "U" as const),
  escapeBelow: fc.integer({ min: 0, max: 4 }),
  split: fc.boolean(),
  trailingComma: fc.boolean(),
  comments: fc.boolean(),
  assignment: fc.boolean(),
});

function pyEscape(cp: number): string {
  if (cp < 0o400 && cp % 2 === 0) return `\\${cp.toString(8).padStart(3, "0")}`;
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, "0")}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, "0")}`;
  return `\\U${cp.toString(16).padStart(8, "0")}`;
}

function pyStringBody(s: string, style: PythonStyle): string {
  let out = "";
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'" || ch === '"') out += `\\${ch}`;
    else if (ch === "\n") out += style.triple ? "\n" : "\\n";
    else if (ch === "\r" || cp < 0x20 || cp === 0x7f || cp % 4 < style.escapeBelow) out += pyEscape(cp);
    else out += ch;
  }
  return out;
}

function pyString(s: string, style: PythonStyle): string {
  const quote = style.triple ? style.quote.repeat(3) : style.quote;
  const literal = (part: string): string => `${style.prefix}${quote}${pyStringBody(part, style)}${quote}`;
  const points = [...s];
  if (!style.split || points.length < 2) return literal(s);
  const half = points.length >> 1;
  // Adjacent literals concatenate, also across a line break.
  return `${literal(points.slice(0, half).join(""))}\n    ${literal(points.slice(half).join(""))}`;
}

function pyValue(value: unknown, style: PythonStyle): string {
  if (value === null) return "None";
  if (typeof value === "string") return pyString(value, style);
  return String(value);
}

function toPython(rows: readonly Record<string, unknown>[], style: PythonStyle): string {
  const comma = style.trailingComma ? "," : "";
  const comment = style.comments ? "  # note: 'quoted' [text], {braces}" : "";
  const dicts = rows.map((row) => {
    const fields = Object.entries(row).map(([k, v]) => `${pyString(k, style)}: ${pyValue(v, style)}`);
    return `  {${fields.join(`,${comment}\n   `)}${comma}}`;
  });
  const body = `[${comment}\n${dicts.join(`,${comment}\n`)}${dicts.length > 0 ? comma : ""}\n]\n`;
  return `${style.comments ? "# exported\n" : ""}${style.assignment ? "LOGS = " : ""}${body}`;
}

const nullStyle = fc.constantFrom<NullStyle>("null", "empty", "absent");

describe("parseManifest: serialising valid rows and parsing gives them back", () => {
  it("JSON array", () => {
    fc.assert(
      fc.property(connections, nullStyle, fc.constantFrom(0, 2), (rows, nulls, indent) => {
        const parsed = parseManifest(
          JSON.stringify(
            rows.map((r) => exportRow(r, nulls)),
            null,
            indent,
          ),
        );
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(rows);
      }),
    );
  });

  it("NDJSON", () => {
    fc.assert(
      fc.property(connections, nullStyle, fc.constantFrom("\n", "\r\n", "\n\n"), (rows, nulls, eol) => {
        const text = rows.map((r) => JSON.stringify(exportRow(r, nulls))).join(eol);
        const parsed = parseManifest(text);
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(rows);
      }),
    );
  });

  it("Python list literal", () => {
    fc.assert(
      fc.property(connections, nullStyle, pythonStyle, (rows, nulls, style) => {
        const text = toPython(
          rows.map((r) => exportRow(r, nulls)),
          style,
        );
        const parsed = parseManifest(text);
        expect(parsed.errors).toEqual([]);
        expect(parsed.rows).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });
});
