import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { patternId } from "./pattern-id.js";

/** FNV-1a 64 straight from its definition, with BigInt: the reference the fast version must match. */
function referenceFnv1a64(bytes: Iterable<number>): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, "0");
}

describe("patternId", () => {
  it("matches the published FNV-1a 64 test vectors", () => {
    expect(patternId("")).toBe("cbf29ce484222325");
    expect(patternId("a")).toBe("af63dc4c8601ec8c");
    expect(patternId("foobar")).toBe("85944171f73967e8");
  });

  it("hashes the UTF-8 bytes of non-ASCII text", () => {
    expect(patternId("é")).toBe(referenceFnv1a64([0xc3, 0xa9]));
    expect(patternId("€")).toBe(referenceFnv1a64([0xe2, 0x82, 0xac]));
    expect(patternId("😀")).toBe(referenceFnv1a64([0xf0, 0x9f, 0x98, 0x80]));
  });

  it("hashes a lone surrogate as U+FFFD, like TextEncoder", () => {
    expect(patternId("\ud800")).toBe(referenceFnv1a64([0xef, 0xbf, 0xbd]));
    expect(patternId("a\udc00b")).toBe(referenceFnv1a64([0x61, 0xef, 0xbf, 0xbd, 0x62]));
  });

  it("is 16 lower-case hex digits", () => {
    expect(patternId("Could not decode packet <num>, requesting iframe")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("agrees with the BigInt reference over TextEncoder's bytes for any string", () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 80 }), (text) => {
        expect(patternId(text)).toBe(referenceFnv1a64(encoder.encode(text)));
      }),
      { numRuns: 500 },
    );
  });

  it("tells apart templates that differ in one character", () => {
    expect(patternId("Failed to connect")).not.toBe(patternId("Failed to connecT"));
  });
});
