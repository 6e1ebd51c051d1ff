import { describe, expect, it } from "vitest";
import { maskMessage } from "./mask-message.js";

const MESSAGE_LENGTH = 64 * 1024;
/** A generous guard, not a benchmark: linear masking takes a few ms here, a quadratic one takes seconds. */
const BUDGET_MS = 100;

/** Units that, repeated, defeat naive matchers: unclosed quotes, endless candidates, failed compounds. */
const ADVERSARIAL_UNITS = [
  "1",
  "1.",
  "a",
  "a1",
  "'a",
  "' ",
  '"',
  "a'b'",
  "C:\\a ",
  " a\\",
  "Program Files (x86) ",
  ":",
  "1:",
  "f:",
  "fe80::",
  "[::1]",
  "[",
  "a@",
  "a.a@",
  "a@b.",
  "http:/",
  "h",
  "/a",
  "/",
  "abcd-",
  "abcd1234-",
  "0-",
  "-1",
  "--1",
  "1.2.3.4.",
  "1.1.1.1:",
  "1e",
  "0x",
  "\\\\",
  ".\\",
  "~/",
];

function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Best of three runs, so that a busy machine does not fail the guard. */
function bestTimeMs(message: string): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    maskMessage(message);
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

describe("maskMessage: linear time on untrusted input", () => {
  it.each(ADVERSARIAL_UNITS)("masks 64 KB of %j in well under 100 ms", (unit) => {
    const message = repeatTo(unit, MESSAGE_LENGTH);
    expect(bestTimeMs(message)).toBeLessThan(BUDGET_MS);
  });

  it("masks 64 KB of long-scheme and mixed text in well under 100 ms", () => {
    expect(bestTimeMs(`${"h".repeat(MESSAGE_LENGTH - 4)}://x`)).toBeLessThan(BUDGET_MS);
    const mixed = repeatTo("x 'a C:\\b c 1.2.3.4:5 fe80::1 a@b.co e2cd777-1B1D1F08 /d/e \"", MESSAGE_LENGTH);
    expect(bestTimeMs(mixed)).toBeLessThan(BUDGET_MS);
  });
});
