// fast-check generators of log material, shared by the core's property tests.
import fc from "fast-check";
import { type EntryLineFields, formatEntryLine } from "../format/entry-line.js";

const noLineBreak = (s: string) => !/[\r\n]/.test(s);
const trimmedLikeParser = (s: string) => s === s.replace(/^[ \t]+|[ \t]+$/g, "");

/** Text that a field may hold: any Unicode, no line break, no padding the parser would trim. */
const fieldText = (extraForbidden: RegExp) =>
  fc
    .string({ unit: "binary", maxLength: 40 })
    .filter((s) => noLineBreak(s) && trimmedLikeParser(s) && !extraForbidden.test(s));

export const levelArb = fc.oneof(
  fc.constantFrom("INFO", "WARNING", "ERROR", "DEBUG", "FATAL_ERROR"),
  fc.stringMatching(/^[A-Z][A-Z_]{0,11}$/),
);

const metricMessageArb = fc
  .tuple(
    fc.constantFrom(
      "Latency",
      "Avg Decode Time",
      "Average Encode Time",
      "Average Encode Size",
      "Longest Encode Time",
    ),
    fc.oneof(
      fc.double({ min: 0, max: 1e6, noNaN: true }).map((x) => x.toFixed(6)),
      fc.constantFrom("nan", "-nan(ind)", "inf", "1e-3"),
    ),
  )
  .map(([name, value]) => `${name}: ${value}`);

/** One entry as the logger would write it, with times in whole units of its fraction. */
export const entryFieldsArb = (minUnits = 0) =>
  fc
    .record({
      fracDigits: fc.constantFrom(3, 6),
      unitsFraction: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      level: levelArb,
      file: fieldText(/\|/).filter((s) => s.length > 0),
      func: fieldText(/\|/).filter((s) => s.length > 0),
      line: fc.nat({ max: 99_999 }),
      message: fc.oneof(fieldText(/$^/), metricMessageArb),
    })
    .map((r) => {
      const scale = 10 ** r.fracDigits;
      const dayUnits = 86_400 * scale;
      const units = Math.floor(minUnits * scale + r.unitsFraction * (dayUnits - minUnits * scale));
      const fields: EntryLineFields = {
        timeOfDay: units / scale,
        fracDigits: r.fracDigits,
        level: r.level,
        file: r.file,
        func: r.func,
        line: r.line,
        message: r.message,
      };
      return fields;
    });

/** A line that is never an entry and never blank (stack frames, raw prints). */
export const continuationTextArb = fc
  .string({ unit: "binary", minLength: 1, maxLength: 30 })
  .filter(noLineBreak)
  .map((s) => `  at ${s}`);

/** Arbitrary log-ish bytes: entries, metric lines, blanks, continuations, garbage, mixed line endings. */
export const logBytesArb = fc
  .tuple(
    fc.boolean(),
    fc.array(
      fc.oneof(
        { weight: 5, arbitrary: entryFieldsArb().map(formatEntryLine) },
        { weight: 1, arbitrary: fc.constantFrom("", "   ", "\t") },
        { weight: 1, arbitrary: continuationTextArb },
        { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
      ),
      { maxLength: 40 },
    ),
    fc.constantFrom("\n", "\r\n"),
    fc.uint8Array({ maxLength: 16 }),
    fc.boolean(),
  )
  .map(([bom, lines, eol, garbage, endsWithNewline]) => {
    const text = (bom ? "\uFEFF" : "") + lines.join(eol) + (endsWithNewline ? eol : "");
    const textBytes = new TextEncoder().encode(text);
    const bytes = new Uint8Array(textBytes.length + garbage.length);
    bytes.set(textBytes);
    bytes.set(garbage, textBytes.length);
    return bytes;
  });
