import { describe, expect, it } from "vitest";
import type { ConnectionInput } from "../store/store.js";
import { parseManifest } from "./parse-manifest.js";
import { ManifestSyntaxError } from "./types.js";

const JUNE_30 = Date.UTC(2020, 5, 30, 21, 2);
const MAY_1 = Date.UTC(2020, 4, 1, 0, 0);

const EXPECTED: readonly ConnectionInput[] = [
  {
    connectionId: 28770,
    username: "noah@example.com",
    ip: "52.237.153.167",
    version: "1A32D5BE58D317FF",
    lastUpdated: JUNE_30,
    clientUrl: "https://bucket.example/client1534.txt",
    serverUrl: "https://bucket.example/server51538.txt",
  },
  {
    connectionId: 28769,
    username: null,
    ip: "52.237.153.167",
    version: null,
    lastUpdated: MAY_1,
    clientUrl: null,
    serverUrl: "http://bucket.example/server51537.txt",
  },
];

const JSON_MANIFEST = `[
  {"connection_id": 28770, "username": "noah@example.com", "ip": "52.237.153.167",
   "last_updated": "06/30/2020, 21:02", "version": "1A32D5BE58D317FF",
   "client_logs": "https://bucket.example/client1534.txt", "server_logs": "https://bucket.example/server51538.txt"},
  {"connection_id": 28769, "username": null, "ip": "52.237.153.167", "last_updated": "05/01/2020, 00:00",
   "version": "", "client_logs": "", "server_logs": "http://bucket.example/server51537.txt", "extra": 1}
]`;

const NDJSON_MANIFEST = [
  "\uFEFF",
  '{"connection_id": 28770, "username": "noah@example.com", "ip": "52.237.153.167", "last_updated": "06/30/2020, 21:02", "version": "1A32D5BE58D317FF", "client_logs": "https://bucket.example/client1534.txt", "server_logs": "https://bucket.example/server51538.txt"}\r',
  "",
  '{"connection_id": 28769, "ip": "52.237.153.167", "last_updated": "5/1/2020, 0:00", "server_logs": "http://bucket.example/server51537.txt"}',
  "",
].join("\n");

const PYTHON_MANIFEST = `# Exported from the streaming backend (old dashboard, app/constants/logs.py)
LOGS = [
    {
        'connection_id': 28770,
        "username": u'noah@example.com',  # a Python 2 unicode literal
        'ip': '52.237.153.167',
        'last_updated': '06/30/2020, 21:02',
        'version': '1A32D5BE' '58D317FF',
        'client_logs': 'https://bucket.example/client1534.txt',
        'server_logs': "https://bucket.example/server51538.txt",
    },
    {'connection_id': 28769, 'username': None, 'ip': '52.237.153.167', 'last_updated': '05/01/2020, 00:00',
     'version': "", 'client_logs': None, 'server_logs': 'http://bucket.example/server51537.txt', 'ok': True,},
]
`;

describe("parseManifest: formats", () => {
  it.each([
    ["json", JSON_MANIFEST],
    ["ndjson", NDJSON_MANIFEST],
    ["python", PYTHON_MANIFEST],
  ] as const)("reads a %s manifest", (format, text) => {
    const parsed = parseManifest(text);
    expect(parsed.errors).toEqual([]);
    expect(parsed.format).toBe(format);
    expect(parsed.rows).toEqual(EXPECTED);
  });

  it("reads a bare Python list (no assignment), with a tuple of dicts and escapes", () => {
    const parsed = parseManifest(
      "[{'connection_id': 1, 'username': 'o\\'brien@example.com\\x21', 'ip': '10.0.0.1', 'last_updated': '01/02/2020, 03:04', 'version': None, 'client_logs': None, 'server_logs': None}]",
    );
    expect(parsed.format).toBe("python");
    expect(parsed.rows[0]?.username).toBe("o'brien@example.com!");
  });

  it("treats empty text as an empty manifest", () => {
    expect(parseManifest("")).toEqual({ format: "ndjson", rows: [], errors: [] });
    expect(parseManifest("[]")).toEqual({ format: "json", rows: [], errors: [] });
    expect(parseManifest("LOGS = []  # none yet\n")).toEqual({ format: "python", rows: [], errors: [] });
  });
});

/** A valid row in Python syntax with one field replaced. */
function pyRow(id: string, overrides: Record<string, string> = {}): string {
  const fields: Record<string, string> = {
    connection_id: id,
    username: "'a@example.com'",
    ip: "'10.0.0.1'",
    last_updated: "'06/30/2020, 21:02'",
    version: "'V1'",
    client_logs: "None",
    server_logs: "'https://bucket.example/s.txt'",
    ...overrides,
  };
  return `{${Object.entries(fields)
    .map(([k, v]) => `'${k}': ${v}`)
    .join(", ")}}`;
}

describe("parseManifest: bad rows are reported and skipped, good rows kept", () => {
  const cases: readonly [string, string, string, RegExp][] = [
    ["row is a number", "42", "(row)", /expected an object, got number 42/],
    ["row is a list", "[1, 2]", "(row)", /got a list/],
    ["row is None", "None", "(row)", /got null/],
    ["id missing", pyRow("1").replace("'connection_id': 1, ", ""), "connection_id", /missing/],
    ["id is a string", pyRow("'7'"), "connection_id", /got string "7"/],
    ["id is a float", pyRow("7.5"), "connection_id", /non-negative integer/],
    ["id is negative", pyRow("-7"), "connection_id", /non-negative integer/],
    ["id beyond 2^53", pyRow("9007199254740993"), "connection_id", /non-negative integer/],
    ["id is a bool", pyRow("True"), "connection_id", /got boolean true/],
    ["username is a number", pyRow("1", { username: "5" }), "username", /string or null/],
    ["ip missing", pyRow("1").replace("'ip': '10.0.0.1', ", ""), "ip", /missing/],
    ["ip empty", pyRow("1", { ip: "''" }), "ip", /empty/],
    ["ip blank", pyRow("1", { ip: "'   '" }), "ip", /empty/],
    ["ip None", pyRow("1", { ip: "None" }), "ip", /expected a string, got null/],
    [
      "date missing",
      pyRow("1").replace("'last_updated': '06/30/2020, 21:02', ", ""),
      "last_updated",
      /missing/,
    ],
    ["date ISO", pyRow("1", { last_updated: "'2020-06-30T21:02'" }), "last_updated", /MM\/DD\/YYYY/],
    ["date Feb 30", pyRow("1", { last_updated: "'02/30/2020, 10:00'" }), "last_updated", /day 30/],
    ["date Feb 29 2021", pyRow("1", { last_updated: "'02/29/2021, 10:00'" }), "last_updated", /day 29/],
    ["month 13", pyRow("1", { last_updated: "'13/01/2020, 10:00'" }), "last_updated", /month 13/],
    ["hour 24", pyRow("1", { last_updated: "'06/30/2020, 24:00'" }), "last_updated", /hour 24/],
    ["minute 60", pyRow("1", { last_updated: "'06/30/2020, 12:60'" }), "last_updated", /minute 60/],
    ["year 1969", pyRow("1", { last_updated: "'12/31/1969, 23:59'" }), "last_updated", /before 1970/],
    ["date a number", pyRow("1", { last_updated: "1593550920000" }), "last_updated", /got number/],
    ["version a number", pyRow("1", { version: "3" }), "version", /string or null/],
    ["client_logs ftp", pyRow("1", { client_logs: "'ftp://bucket.example/c.txt'" }), "client_logs", /http/],
    ["client_logs not a URL", pyRow("1", { client_logs: "'client1534.txt'" }), "client_logs", /not a URL/],
    ["server_logs javascript:", pyRow("1", { server_logs: "'javascript:alert(1)'" }), "server_logs", /http/],
    ["server_logs a list", pyRow("1", { server_logs: "['https://x']" }), "server_logs", /got a list/],
  ];

  it.each(cases)("%s", (_name, badRow, field, reason) => {
    const text = `[\n${pyRow("100")},\n${badRow},\n${pyRow("101")},\n]`;
    const parsed = parseManifest(text);
    expect(parsed.rows.map((r) => r.connectionId)).toEqual([100, 101]);
    expect(parsed.errors).toHaveLength(1);
    const [error] = parsed.errors;
    expect(error).toMatchObject({ row: 2, line: 3, field });
    expect(error?.reason).toMatch(reason);
  });

  it("names the connection of a bad row when its id is usable", () => {
    const parsed = parseManifest(`[${pyRow("5", { ip: "''" })}]`);
    expect(parsed.errors).toEqual([{ row: 1, line: 1, connectionId: 5, field: "ip", reason: "empty" }]);
  });

  it("reports every bad field of a row", () => {
    const parsed = parseManifest(`[${pyRow("5", { ip: "''", version: "1", client_logs: "'x'" })}]`);
    expect(parsed.errors.map((e) => e.field)).toEqual(["ip", "version", "client_logs"]);
  });

  it("keeps the first of duplicate ids and reports the later rows, even when the first is bad", () => {
    const json = JSON.stringify([
      { connection_id: 1, ip: "a", last_updated: "01/01/2020, 00:00" },
      { connection_id: 2, ip: "", last_updated: "01/01/2020, 00:00" },
      { connection_id: 1, ip: "b", last_updated: "01/01/2020, 00:00" },
      { connection_id: 2, ip: "c", last_updated: "01/01/2020, 00:00" },
      { connection_id: 1, ip: "d", last_updated: "01/01/2020, 00:00" },
    ]);
    const parsed = parseManifest(json);
    expect(parsed.rows).toEqual([expect.objectContaining({ connectionId: 1, ip: "a" })]);
    expect(parsed.errors).toEqual([
      { row: 2, connectionId: 2, field: "ip", reason: "empty" },
      { row: 3, connectionId: 1, field: "connection_id", reason: "duplicate of row 1" },
      { row: 4, connectionId: 2, field: "connection_id", reason: "duplicate of row 2" },
      { row: 5, connectionId: 1, field: "connection_id", reason: "duplicate of row 1" },
    ]);
  });

  it("reports an NDJSON line that is not JSON as a row error and reads the rest", () => {
    const good = JSON.stringify({ connection_id: 3, ip: "x", last_updated: "01/01/2020, 00:00" });
    const parsed = parseManifest(`${good}\n{"connection_id": 4, oops}\n\n[1]\n${good.replace("3", "5")}\n`);
    expect(parsed.rows.map((r) => r.connectionId)).toEqual([3, 5]);
    expect(parsed.errors).toEqual([
      { row: 2, line: 2, field: "(row)", reason: expect.stringMatching(/^not valid JSON/) },
      { row: 3, line: 4, field: "(row)", reason: "expected an object, got a list" },
    ]);
  });

  it("reads dict keys like __proto__ as data, never as a prototype", () => {
    const parsed = parseManifest(`[${pyRow("9").replace("{", "{'__proto__': {'ip': 'evil'}, ")}]`);
    expect(parsed.rows[0]?.ip).toBe("10.0.0.1");
    expect(({} as Record<string, unknown>).ip).toBeUndefined();
  });
});

describe("parseManifest: documents that cannot be read at all", () => {
  const refused: readonly [string, string, RegExp][] = [
    ["a function call", "LOGS = [dict(connection_id=1)]", /unknown name "dict"/],
    ["code", "__import__('os').system('true')", /unexpected name "__import__"/],
    ["JSON literals inside Python", "[{'a': null}]", /unknown name "null"/],
    ["an unterminated string", "[{'a': 'b}]", /^line 1, column 8: .*Python list \(unterminated string\)/],
    ["a bytes literal", "[b'abc']", /not a plain text literal/],
    ["an f-string", "[f'{x}']", /not a plain text literal/],
    ["a \\N escape", "['\\N{BULLET}']", /\\N\{\.\.\.\} escapes/],
    ["text after the list", "[]\n[]", /^line 2, column 1: .*unexpected text after the list/],
    ["runaway nesting", `LOGS = ${"[".repeat(100)}${"]".repeat(100)}`, /nested deeper than 64/],
    ["a Python dict at the top", "{'a': 1,\n 'b': 2}", /not NDJSON: no line is a JSON value/],
    ["something else", "<xml/>", /not a manifest/],
    ["a JSON object", "LOGS = {'a': 1}", /expected a list/],
  ];

  it.each(refused)("refuses %s", (_name, text, message) => {
    const attempt = (): unknown => parseManifest(text);
    expect(attempt).toThrow(ManifestSyntaxError);
    expect(attempt).toThrow(message);
  });

  it("explains a broken JSON array both as JSON and as Python, with the position", () => {
    const attempt = (): unknown => parseManifest('[\n  {"connection_id": 1,}\n  {"connection_id": 2}\n]');
    expect(attempt).toThrow(
      /^line 3, column 3: neither a JSON array \(.+\) nor a Python list \(expected "," or "]"\)/,
    );
  });

  it("refuses a pretty-printed single object rather than reporting each of its lines", () => {
    expect(() => parseManifest('{\n  "connection_id": 1\n}')).toThrow(/one JSON object over several lines/);
  });
});
