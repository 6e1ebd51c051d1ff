// One test per rule of the line grammar in shared/spec/log-format.md, each on a hand-written log.
import { describe, expect, it } from "vitest";
import { logText, utf8 } from "../test-support/log-text.js";
import { parseLogEntries } from "./entry-reader.js";

const parse = (lines: readonly string[], eol = "\n") => parseLogEntries(logText(lines, eol));

describe("line grammar", () => {
  it("splits the five fields and trims their padding", () => {
    const { entries } = parse([
      "21:02:11:123456 | INFO    | video.c         | updateVideo:893 | Avg Decode Time: 0.004121",
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: "INFO",
      file: "video.c",
      func: "updateVideo",
      sourceLine: 893,
      message: "Avg Decode Time: 0.004121",
      lineNumber: 1,
    });
  });

  it("splits on the first four '|' only: the message keeps its own", () => {
    const { entries } = parse(["00:00:01:000 | INFO | a.c | f:1 | left | right || end"]);
    expect(entries[0]?.message).toBe("left | right || end");
  });

  it("reads a six-digit fraction as microseconds and a three-digit one as milliseconds", () => {
    const { entries } = parse([
      "21:02:11:123456 | INFO | a.c | f:1 | x",
      "21:02:11:123 | INFO | a.c | f:1 | y",
    ]);
    // 21*3600 + 2*60 + 11 = 75731 seconds.
    expect(entries[0]?.time).toBe(75731.123456);
    expect(entries[1]?.time).toBe(75731.123);
  });

  it("gives a fraction of any length the value digits / 10^len", () => {
    const { entries } = parse(["00:00:02:5 | INFO | a.c | f:1 | x", "00:00:02:05 | INFO | a.c | f:1 | y"]);
    expect(entries.map((e) => e.time)).toEqual([2.5, 2.05]);
  });

  it("accepts '.' as well as ':' before the fraction", () => {
    const { entries } = parse(["10:00:00.250 | INFO | a.c | f:1 | x"]);
    expect(entries[0]?.time).toBe(36000.25);
  });

  it("rejects impossible times and missing fields (they become continuation lines)", () => {
    const { entries } = parse([
      "10:00:00:000 | INFO | a.c | f:1 | ok",
      "24:00:00:000 | INFO | a.c | f:1 | hour 24",
      "10:60:00:000 | INFO | a.c | f:1 | minute 60",
      "10:00:00 | INFO | a.c | f:1 | no fraction",
      "10:00:00:000 | info | a.c | f:1 | lower-case level",
      "10:00:00:000 | INFO | a.c | f | no line number",
      "10:00:00:000 | INFO | a.c | :12 | no function",
      "10:00:00:000 | INFO |  | f:1 | no file",
      "10:00:00:000 | INFO | a.c | f:1",
    ]);
    expect(entries).toHaveLength(1);
    expect(entries[0]?.continuation.map((c) => c.text)).toHaveLength(8);
  });

  it("counts every level that occurs, unknown ones included", () => {
    const { entries } = parse([
      "00:00:00:000 | DEBUG   | a.c | f:1 | d",
      "00:00:00:000 | FATAL_ERROR | a.c | f:1 | boom",
      "00:00:00:000 | NOTICE  | a.c | f:1 | n",
    ]);
    expect(entries.map((e) => e.level)).toEqual(["DEBUG", "FATAL_ERROR", "NOTICE"]);
  });

  it("reads \\r\\n line endings like \\n ones", () => {
    const lf = parse(["00:00:00:000 | INFO | a.c | f:1 | one", "", "00:00:01:000 | INFO | a.c | f:1 | two"]);
    const crlf = parse(
      ["00:00:00:000 | INFO | a.c | f:1 | one", "", "00:00:01:000 | INFO | a.c | f:1 | two"],
      "\r\n",
    );
    expect(crlf).toEqual(lf);
    expect(crlf.entries[1]?.message).toBe("two");
  });

  it("skips a UTF-8 byte-order mark at the start of the file", () => {
    const { entries, unparsed } = parseLogEntries(utf8("\uFEFF00:00:00:000 | INFO | a.c | f:1 | first\n"));
    expect(unparsed).toEqual([]);
    expect(entries[0]?.message).toBe("first");
  });

  it("keeps parsing through invalid UTF-8, replacing the bad bytes", () => {
    const head = utf8("00:00:00:000 | ERROR | a.c | f:1 | bad ");
    const tail = utf8(" byte\n00:00:01:000 | INFO | a.c | f:1 | next\n");
    const bytes = new Uint8Array([...head, 0xff, 0xc3, ...tail]);
    const { entries } = parseLogEntries(bytes);
    expect(entries.map((e) => e.message)).toEqual(["bad \uFFFD\uFFFD byte", "next"]);
  });

  it("ignores blank lines, whitespace-only ones included", () => {
    const { entries } = parse([
      "",
      "00:00:00:000 | INFO | a.c | f:1 | a",
      "",
      "   \t",
      "00:00:01:000 | INFO | a.c | f:1 | b",
    ]);
    expect(entries.map((e) => [e.message, e.lineNumber, e.continuation.length])).toEqual([
      ["a", 2, 0],
      ["b", 5, 0],
    ]);
  });

  it("attaches non-grammar lines to the entry before them, and keeps earlier ones as unparsed preamble", () => {
    const { entries, unparsed } = parse([
      "Starting up",
      "00:00:00:000 | ERROR | a.c | f:1 | crash",
      "  at frame 1",
      "",
      "  at frame 2",
      "00:00:01:000 | INFO | a.c | f:1 | after",
    ]);
    expect(unparsed).toEqual([{ lineNumber: 1, text: "Starting up" }]);
    expect(entries[0]?.continuation).toEqual([
      { lineNumber: 3, text: "  at frame 1" },
      { lineNumber: 5, text: "  at frame 2" },
    ]);
    expect(entries[1]?.continuation).toEqual([]);
  });

  it("adds a day when the time jumps back by more than 12 hours (midnight passed)", () => {
    const { entries } = parse([
      "23:59:59:500 | INFO | a.c | f:1 | before",
      "00:00:00:250 | INFO | a.c | f:1 | after",
      "11:59:00:000 | INFO | a.c | f:1 | noon next day",
    ]);
    expect(entries.map((e) => e.time)).toEqual([86399.5, 86400.25, 86400 + 43140]);
  });

  it("keeps small backward steps (threads racing) as written", () => {
    const { entries } = parse([
      "12:00:00:500 | INFO | a.c | f:1 | a",
      "12:00:00:400 | INFO | a.c | f:1 | b",
      "00:30:00:000 | INFO | a.c | f:1 | 11.5 h back: not midnight",
    ]);
    expect(entries.map((e) => e.time)).toEqual([43200.5, 43200.4, 1800]);
  });

  it("reads a file cut in the middle of the last line", () => {
    const full = "00:00:00:000 | INFO | a.c | f:1 | whole\n00:00:01:000 | INFO | a.c | f:1 | Latency: 0.0123";
    const cutInMessage = parseLogEntries(utf8(full.slice(0, -2)));
    expect(cutInMessage.entries.map((e) => e.message)).toEqual(["whole", "Latency: 0.01"]);
    const cutInHeader = parseLogEntries(utf8(full.slice(0, full.indexOf("a.c", 45))));
    expect(cutInHeader.entries).toHaveLength(1);
    expect(cutInHeader.entries[0]?.continuation.map((c) => c.text)).toEqual(["00:00:01:000 | INFO | "]);
  });
});
