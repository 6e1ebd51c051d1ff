import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzeLog, LogAnalyzer } from "../analysis/log-analyzer.js";
import { formatEntryLine } from "../format/entry-line.js";
import { entryFieldsArb, logBytesArb } from "../test-support/arbitraries.js";
import { chunkAt, utf8 } from "../test-support/log-text.js";
import { LogEntryReader, parseLogEntries } from "./entry-reader.js";

const cutsArb = fc.array(fc.nat(), { maxLength: 12 });

describe("streaming parser properties", () => {
  it("gives the same entries for any chunking of the bytes", () => {
    fc.assert(
      fc.property(logBytesArb, cutsArb, (bytes, cuts) => {
        const whole = parseLogEntries(bytes);
        const entries: unknown[] = [];
        const unparsed: unknown[] = [];
        const reader = new LogEntryReader(
          (e) => entries.push(e),
          (l) => unparsed.push(l),
        );
        for (const chunk of chunkAt(
          bytes,
          cuts.map((c) => c % (bytes.length + 1)),
        ))
          reader.push(chunk);
        reader.end();
        expect({ entries, unparsed }).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("gives the same analysis for any chunking of the bytes, one byte at a time included", () => {
    fc.assert(
      fc.property(logBytesArb, cutsArb, fc.boolean(), (bytes, cuts, byteByByte) => {
        const whole = analyzeLog(bytes);
        const analyzer = new LogAnalyzer();
        const chunks = byteByByte
          ? Array.from(bytes, (b) => Uint8Array.of(b))
          : chunkAt(
              bytes,
              cuts.map((c) => c % (bytes.length + 1)),
            );
        for (const chunk of chunks) analyzer.push(chunk);
        expect(analyzer.finish()).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it("reads back every field of entries written in the grammar", () => {
    fc.assert(
      fc.property(
        fc
          .array(entryFieldsArb(), { minLength: 1, maxLength: 20 })
          .map((es) => es.sort((a, b) => a.timeOfDay - b.timeOfDay)),
        fc.constantFrom("\n", "\r\n"),
        (written, eol) => {
          const { entries, unparsed } = parseLogEntries(
            utf8(written.map((f) => formatEntryLine(f) + eol).join("")),
          );
          expect(unparsed).toEqual([]);
          expect(entries.map((e) => ({ ...e, lineNumber: 0 }))).toEqual(
            written.map((f) => ({
              lineNumber: 0,
              time: f.timeOfDay,
              level: f.level,
              file: f.file,
              func: f.func,
              sourceLine: f.line,
              message: f.message,
              continuation: [],
            })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it("accounts for every line: entries + continuation + unparsed + blank = lines", () => {
    fc.assert(
      fc.property(logBytesArb, (bytes) => {
        const a = analyzeLog(bytes);
        expect(a.entries + a.continuationLines + a.unparsedLines + a.blankLines).toBe(a.lines);
        expect(Object.values(a.levels).reduce((x, y) => x + y, 0)).toBe(a.entries);
      }),
    );
  });
});
