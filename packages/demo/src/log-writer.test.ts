import { formatEntryLine } from "@loupe/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ByteSink } from "./byte-sink.js";
import { LogWriter, site } from "./log-writer.js";

const decode = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
const word = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,24}$/);

describe("LogWriter", () => {
  it("writes exactly what the core's formatEntryLine writes", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -30, max: 90_000, noNaN: true }),
        fc.double({ min: 0, max: 86_399.999, noNaN: true }),
        fc.constantFrom(3 as const, 6 as const),
        fc.constantFrom("INFO", "WARNING", "ERROR", "DEBUG", "FATAL_ERROR"),
        word,
        word,
        fc.nat(5000),
        fc.string({ unit: "grapheme-ascii" }).filter((m) => !/[\r\n]/.test(m)),
        (t, offset, fracDigits, level, file, func, line, message) => {
          const w = new LogWriter({ clockOffset: offset, fracDigits, lineEnding: "\r\n" });
          w.write(t, site(level, file, func, line), message);
          let timeOfDay = offset + t;
          if (timeOfDay >= 86_400) timeOfDay -= 86_400;
          if (timeOfDay < 0) timeOfDay += 86_400;
          const expected = formatEntryLine({ timeOfDay, fracDigits, level, file, func, line, message });
          expect(decode(w.toBytes())).toBe(`${expected}\r\n`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps the clock right across several lines in one second and across midnight", () => {
    const w = new LogWriter({ clockOffset: 86_399, fracDigits: 3, lineEnding: "\n" });
    const at = site("INFO", "main.c", "update", 212);
    for (const t of [0.1, 0.1004, 0.9996, 1.25]) w.write(t, at, "Ping!");
    expect(
      decode(w.toBytes())
        .split("\n")
        .map((l) => l.slice(0, 12)),
    ).toEqual(["23:59:59:100", "23:59:59:100", "23:59:59:999", "00:00:00:250", ""]);
  });

  it("writes blank lines after `\\n` format strings, raw lines, dotted fractions and Latin-1", () => {
    const w = new LogWriter({
      clockOffset: 3600,
      fracDigits: 6,
      lineEnding: "\n",
      dottedFraction: true,
      latin1: true,
    });
    w.write(0.5, site("INFO", "main.c", "ReceiveMessage", 478, true), "Received init message! Ren\u00e9e");
    w.raw("Accumulated Frames: 2");
    const bytes = w.toBytes();
    expect(bytes.includes(0xe9)).toBe(true);
    expect(new TextDecoder("latin1").decode(bytes)).toBe(
      "01:00:00.500000 | INFO    | main.c          | ReceiveMessage:478 | Received init message! Ren\u00e9e\n\nAccumulated Frames: 2\n",
    );
    expect(w.lineCount).toBe(3);
  });

  it("adds a print delay, keeping lines of one moment in order", () => {
    let n = 0;
    const delays = [0.0003, 0.0001, 0.0002, 0.00005];
    const w = new LogWriter({
      clockOffset: 0,
      fracDigits: 6,
      lineEnding: "\n",
      printDelay: () => delays[n++ % 4] ?? 0,
    });
    const at = site("INFO", "video.c", "updateVideo", 497);
    for (const t of [1, 1, 1, 2]) w.write(t, at, "MBPS");
    expect(
      decode(w.toBytes())
        .split("\n")
        .map((l) => l.slice(0, 15)),
    ).toEqual(["00:00:01:000300", "00:00:01:000303", "00:00:01:000306", "00:00:02:000050", ""]);
  });
});

describe("ByteSink", () => {
  it("encodes like TextEncoder and grows as needed", () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: "binary" }).map((s) => s.replace(/[\ud800-\udfff]/g, "?"))),
        (parts) => {
          const sink = new ByteSink(false, 4);
          for (const p of parts) sink.text(p);
          expect(sink.toBytes()).toEqual(new TextEncoder().encode(parts.join("")));
        },
      ),
    );
  });
});
