import { describe, expect, it } from "vitest";
import { parsePythonList } from "./python-literal.js";
import { ManifestSyntaxError } from "./types.js";

const one = (literal: string): unknown => parsePythonList(`[${literal}]`).items[0];

describe("parsePythonList: strings", () => {
  it.each([
    ["'plain'", "plain"],
    ['"double"', "double"],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ["'a\\\\b'", "a\\b"],
    ["'\\n\\r\\t\\a\\b\\f\\v'", "\n\r\t\x07\b\f\v"],
    ["'\\x41\\u00e9\\U0001F600'", "Aé😀"],
    ["'\\101\\0\\7'", "A\0\x07"],
    ["'\\d stays'", "\\d stays"],
    ["'joined \\\nline'", "joined line"],
    ["r'C:\\new\\table'", "C:\\new\\table"],
    ["r'\\''", "\\'"],
    ["u'unicode'", "unicode"],
    ["UR'raw'", "raw"],
    ["'''tri'ple\nline'''", "tri'ple\nline"],
    ['"""a ""quoted"" b"""', 'a ""quoted"" b'],
    ["'a' \"b\"\n  'c'", "abc"],
    ["'héllo 😀'", "héllo 😀"],
    ["'\\ud83d'", "\ud83d"],
  ])("%s", (literal, expected) => {
    expect(one(literal)).toBe(expected);
  });

  it.each([
    ["'open", /unterminated string/],
    ["'new\nline'", /newline inside/],
    ["'\\x4'", /invalid \\x escape/],
    ["'\\U00110000'", /invalid \\U escape/],
  ])("refuses %s", (literal, message) => {
    expect(() => one(literal)).toThrow(ManifestSyntaxError);
    expect(() => one(literal)).toThrow(message);
  });
});

describe("parsePythonList: numbers and constants", () => {
  it.each([
    ["28770", 28770],
    ["1_000_000", 1_000_000],
    ["-5", -5],
    ["+3", 3],
    ["- 4", -4],
    ["1.5e3", 1500],
    [".5", 0.5],
    ["5.", 5],
    ["0x1F", 31],
    ["0o17", 15],
    ["0b101", 5],
    ["10L", 10],
    ["0", 0],
    ["00", 0],
    ["None", null],
    ["True", true],
    ["False", false],
  ])("%s", (literal, expected) => {
    expect(one(literal)).toBe(expected);
  });

  it.each([
    ["010", /leading zero/],
    ["1j", /complex/],
    ["12abc", /malformed number/],
    ["1__0", /malformed number/],
    ["-'a'", /expected a number after -/],
    ["none", /unknown name "none"/],
  ])("refuses %s", (literal, message) => {
    expect(() => one(literal)).toThrow(message);
  });
});

describe("parsePythonList: containers", () => {
  it("reads lists, tuples and dicts with trailing commas and comments", () => {
    const doc = parsePythonList(`logs = [  # the list
      {'a': [1, 2,], 'b': (3,), 'c': (), 'd': (4), 'e': {},},  # trailing comma
      (5, 6),
    ]`);
    expect(doc.items).toEqual([{ a: [1, 2], b: [3], c: [], d: 4, e: {} }, [5, 6]]);
    expect(doc.lines).toEqual([2, 3]);
  });

  it("accepts a top-level tuple and a line-joining backslash", () => {
    expect(parsePythonList("LOGS = \\\n(1, 2)").items).toEqual([1, 2]);
  });

  it("makes dicts without a prototype, keeping the last of repeated keys", () => {
    const dict = one("{'__proto__': 1, 'k': 1, 'k': 2}") as Record<string, unknown>;
    expect(Object.getPrototypeOf(dict)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(dict, "__proto__")?.value).toBe(1);
    expect(dict.k).toBe(2);
  });

  it.each([
    ["[1 2]", "line 1, column 4", /expected "," or "]"/],
    ["[{1: 2}]", "line 1, column 3", /dict keys must be strings/],
    ["[{'a' 2}]", "line 1, column 7", /expected ":"/],
    ["[\n  1,\n  @]", "line 3, column 3", /unexpected character "@"/],
    ["[1,", "line 1, column 4", /unexpected end of text/],
    ["x = = [1]", "line 1, column 5", /expected a list/],
    ["[lambda: 1]", "line 1, column 2", /unknown name "lambda"/],
    ["[1 + 2]", "line 1, column 4", /expected "," or "]"/],
  ])("refuses %s at %s", (text, position, message) => {
    expect(() => parsePythonList(text)).toThrow(position);
    expect(() => parsePythonList(text)).toThrow(message);
  });

  it("reads a large document in linear time", () => {
    const row = "{'connection_id': 1, 'username': 'user@example.com', 'ip': '10.0.0.1', 'version': None},\n";
    const text = `LOGS = [\n${row.repeat(100_000)}]`;
    const started = performance.now();
    const doc = parsePythonList(text);
    expect(doc.items).toHaveLength(100_000);
    expect(doc.lines[99_999]).toBe(100_001);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
