import { describe, expect, it } from "vitest";
import { matchRanges, splitHighlights } from "./highlight.js";

const marked = (text: string, query: string) =>
  splitHighlights(text, query)
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join("");

describe("splitHighlights", () => {
  it("returns the text as one plain piece when the query is empty or absent", () => {
    expect(splitHighlights("Ping Received", "")).toEqual([{ text: "Ping Received", match: false }]);
    expect(splitHighlights("Ping Received", "   ")).toEqual([{ text: "Ping Received", match: false }]);
    expect(splitHighlights("Ping Received", "pong")).toEqual([{ text: "Ping Received", match: false }]);
    expect(splitHighlights("", "x")).toEqual([{ text: "", match: false }]);
  });

  it("matches case-insensitively and keeps the text's own case", () => {
    expect(marked("Failed to acquire FRAME; frame dropped", "frame")).toBe(
      "Failed to acquire [FRAME]; [frame] dropped",
    );
    expect(marked("ERROR at start", "error")).toBe("[ERROR] at start");
    expect(marked("ends with Latency", "LATENCY")).toBe("ends with [Latency]");
  });

  it("trims the query as the server does", () => {
    expect(marked("Avg Decode Time: 0.004", "  decode ")).toBe("Avg [Decode] Time: 0.004");
  });

  it("treats regular-expression characters literally", () => {
    expect(marked("a.b axb", "a.b")).toBe("[a.b] axb");
    expect(marked("f(x) fx", "(x)")).toBe("f[(x)] fx");
    expect(marked("C:\\ProgramData\\d", "\\d")).toBe("C:\\ProgramData[\\d]");
    expect(marked("[1] 1", "[1]")).toBe("[[1]] 1");
    expect(marked("cost $5 or 5", "$5")).toBe("cost [$5] or 5");
    expect(marked("a*b aab", "a*b")).toBe("[a*b] aab");
    expect(marked("x|y x", "x|y")).toBe("[x|y] x");
    expect(marked("^start ^", "^s")).toBe("[^s]tart ^");
    expect(marked("a+b a/b a-b", "a/b")).toBe("a+b [a/b] a-b");
    expect(marked("{2} 22", "{2}")).toBe("[{2}] 22");
  });

  it("merges overlapping matches into one mark", () => {
    expect(marked("aaa", "aa")).toBe("[aaa]");
    expect(marked("xaaaay", "aaa")).toBe("x[aaaa]y");
    expect(matchRanges("abababa", "aba")).toEqual([[0, 7]]);
  });

  it("merges adjacent matches and keeps separate ones apart", () => {
    expect(marked("abab", "ab")).toBe("[abab]");
    expect(marked("ab ab", "ab")).toBe("[ab] [ab]");
    expect(matchRanges("ab-ab", "ab")).toEqual([
      [0, 2],
      [3, 5],
    ]);
  });

  it("puts the pieces back together into the original text", () => {
    const text = "NACKed video packet ID 24565 Index 56 found of length 1340. Relaying!";
    for (const query of ["a", "e", "56", "relaying!", ". R", "zz"]) {
      expect(
        splitHighlights(text, query)
          .map((p) => p.text)
          .join(""),
      ).toBe(text);
    }
  });

  it("handles markup in the text as plain characters", () => {
    expect(marked("<img src=x onerror=alert(1)>", "onerror")).toBe("<img src=x [onerror]=alert(1)>");
  });

  it("is not confused by a cached pattern from a previous query", () => {
    expect(marked("alpha beta", "beta")).toBe("alpha [beta]");
    expect(marked("alpha beta", "beta")).toBe("alpha [beta]");
    expect(marked("beta alpha", "alpha")).toBe("beta [alpha]");
  });
});
