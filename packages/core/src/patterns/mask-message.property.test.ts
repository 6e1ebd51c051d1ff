import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskMessage } from "./mask-message.js";

/** Characters that start, end or glue the masked tokens, so that random strings hit the edge cases. */
const TRICKY_CHARS = [..."0123456789abcdefxgzABCDEFXGZ.:/\\'\"<>-+@_ []~(),=!?%|;*`#\t\r\n\u00a0é😀"];
/** Pieces of real tokens and of placeholders, glued together at random. */
const FRAGMENTS = [
  "1.2.3.4",
  ":80",
  "::1",
  "fe80",
  "C:\\",
  "\\\\.\\",
  "Program Files",
  "/var",
  "./",
  "~/",
  "http://",
  "https://a.b/c",
  "a@b.com",
  "0x",
  "0x1F",
  "887A0022",
  "e2cd777",
  "1A32D5BE58D317FF",
  "a8Fk29dLq0PzXw7B3",
  "deadbeef",
  "abcd-",
  "1e5",
  "1.5e+05",
  "3200x1800",
  "-1",
  "12345",
  "<num>",
  "<hex>",
  "<id>",
  "<ip>",
  "<ip:port>",
  "<path>",
  "<url>",
  "<email>",
  "<str>",
];

const trickyString = fc.string({ unit: fc.constantFrom(...TRICKY_CHARS), maxLength: 40 });
const fragmentString = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.constantFrom(...TRICKY_CHARS)), { maxLength: 16 })
  .map((parts) => parts.join(""));

/**
 * Messages where a token ends right where another could start: masking the first one puts a placeholder
 * there, and a careless boundary rule would then mask the rest differently on a second pass.
 */
const GLUED_TOKENS: readonly (readonly [string, string])[] = [
  ["5'a'", "<num>'a'"],
  ['5"a b"', '<num>"a b"'],
  ["5/abc", "<num>/abc"],
  ["5http://x", "<num>http://x"],
  ["a@b.com.0deadbeef8c", "a@b.com.<hex>"],
  ["::e1.2.3.4", "::e1.<num>"],
  ["a1::12345", "a1::<num>"],
  ["0::d1.2.3.41", "<num>::d1.<num>"],
  ["1.2.3.4deadbeef-fe80", "<num>deadbeef-fe80"],
  ["'a'5", "'a'<num>"],
];

describe("maskMessage: properties", () => {
  it.each(GLUED_TOKENS)("masks %j as %j, and that again as itself", (message, template) => {
    expect(maskMessage(message)).toBe(template);
    expect(maskMessage(template)).toBe(template);
  });

  it("is idempotent on any text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (m) => {
        const template = maskMessage(m);
        expect(maskMessage(template)).toBe(template);
      }),
    );
  });

  it("is idempotent on text made of token pieces", () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, fragmentString), (m) => {
        const template = maskMessage(m);
        expect(maskMessage(template)).toBe(template);
      }),
      { numRuns: 5000 },
    );
  });

  it("never leaves a whitespace run, or whitespace at the ends", () => {
    fc.assert(
      fc.property(fc.oneof(trickyString, fragmentString), (m) => {
        const template = maskMessage(m);
        expect(template).not.toMatch(/\s\s|^\s|\s$|[\t\r\n\u00a0]/);
      }),
      { numRuns: 2000 },
    );
  });
});

/** Literal words of a message; some contain digits and must stay as they are. */
const WORDS = [
  "Failed",
  "to",
  "decode",
  "packet",
  "ID",
  "Index",
  "SDL2",
  "x264",
  "h264",
  "D3D11",
  "utf8",
  "M60",
];
/** What the logger prints between words and numbers. A lone `.` is left out: `1.2` is one number. */
const SEPARATORS = [" ", ", ", ": ", " (", ") ", " = ", "/", "! ", " #", "; ", " - ", "? "];

const numberText = fc.oneof(
  fc.nat().map(String),
  fc.integer({ min: -1_000_000, max: -1 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => x.toFixed(6)),
  fc.double({ min: 1e-9, max: 1e12, noNaN: true }).map((x) => x.toExponential(6)),
);

type Part = { readonly kind: "word"; readonly text: string } | { readonly kind: "number" };

const messageShape = fc.array(
  fc.tuple(
    fc.oneof(
      fc.constantFrom(...WORDS).map((text): Part => ({ kind: "word", text })),
      fc.constant<Part>({ kind: "number" }),
    ),
    fc.constantFrom(...SEPARATORS),
  ),
  { minLength: 1, maxLength: 8 },
);

/** The message with its numbers filled in from `numbers` (cycled). */
function render(shape: readonly (readonly [Part, string])[], numbers: readonly string[]): string {
  let n = 0;
  return shape
    .map(
      ([part, separator]) =>
        (part.kind === "word" ? part.text : (numbers[n++ % numbers.length] ?? "0")) + separator,
    )
    .join("");
}

describe("maskMessage: numbers are variables", () => {
  it("gives the same template whatever the numbers are", () => {
    fc.assert(
      fc.property(
        messageShape,
        fc.array(numberText, { minLength: 1, maxLength: 8 }),
        fc.array(numberText, { minLength: 1, maxLength: 8 }),
        (shape, first, second) => {
          expect(maskMessage(render(shape, first))).toBe(maskMessage(render(shape, second)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("puts <num> exactly where the numbers were and keeps every word", () => {
    fc.assert(
      fc.property(messageShape, fc.array(numberText, { minLength: 1, maxLength: 8 }), (shape, numbers) => {
        // Independent oracle: the same message written with "<num>" in place of each number.
        const expected = render(shape, ["<num>"]).replace(/\s+/g, " ").trim();
        expect(maskMessage(render(shape, numbers))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
