import { describe, expect, it } from "vitest";
import { matchesIfNoneMatch, weakEtag } from "./etag.js";

describe("ETags", () => {
  it("are weak, stable for the same body and different for another", () => {
    expect(weakEtag("{}")).toMatch(/^W\/"[A-Za-z0-9_-]{27}"$/);
    expect(weakEtag("{}")).toBe(weakEtag(new TextEncoder().encode("{}")));
    expect(weakEtag("{}")).not.toBe(weakEtag("[]"));
  });

  it("match If-None-Match lists, weakly, and *", () => {
    const tag = weakEtag("body");
    const strong = tag.slice(2);
    expect(matchesIfNoneMatch(undefined, tag)).toBe(false);
    expect(matchesIfNoneMatch(tag, tag)).toBe(true);
    expect(matchesIfNoneMatch(strong, tag)).toBe(true);
    expect(matchesIfNoneMatch(`"other", ${tag}`, tag)).toBe(true);
    expect(matchesIfNoneMatch("*", tag)).toBe(true);
    expect(matchesIfNoneMatch('W/"other"', tag)).toBe(false);
  });
});
