import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONNECTION_SORTS, LOG_STATUSES, RAW_SIDES } from "../api/types.js";
import {
  clearFilters,
  DEFAULT_VIEW,
  decodeView,
  encodeView,
  followOpen,
  isFiltered,
  levelList,
  type ViewState,
} from "./url-state.js";

const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

describe("encodeView", () => {
  it("is empty for the default view and leaves defaults out", () => {
    expect(encodeView(DEFAULT_VIEW)).toBe("");
    expect(encodeView(view({ open: 21469 }))).toBe("?open=21469");
  });
  it("writes every field in a stable order", () => {
    const all = view({
      q: "noah",
      version: "c47d0e5-5A8F3C27",
      status: "missing",
      hasErrors: true,
      bookmarked: true,
      pattern: "8c7d37526b70dde6",
      sort: "errors",
      order: "asc",
      open: 21469,
      logSide: "server",
      logLevels: ["ERROR", "WARNING"],
      logQ: "timeout",
    });
    expect(encodeView(all)).toBe(
      "?q=noah&version=c47d0e5-5A8F3C27&status=missing&hasErrors=1&bookmarked=1&pattern=8c7d37526b70dde6&sort=errors&order=asc&open=21469&logSide=server&logLevels=ERROR%2CWARNING&logQ=timeout",
    );
  });
  it("writes the raw viewer's state only with an open connection", () => {
    const log = { logSide: "client", logLevels: ["ERROR"], logQ: "x" } as const;
    expect(encodeView(view(log))).toBe("");
    expect(encodeView(view({ ...log, open: 7 }))).toBe("?open=7&logSide=client&logLevels=ERROR&logQ=x");
    expect(encodeView(view({ open: 7, logQ: " " }))).toBe("?open=7&logQ=+");
  });
  it("escapes what a username can contain", () => {
    const tricky = view({ q: "a&b=c %_<script>#" });
    expect(decodeView(encodeView(tricky))).toEqual(tricky);
  });
});

describe("decodeView", () => {
  it("drops junk instead of failing", () => {
    expect(decodeView("?status=gone&sort=user&order=sideways&open=12abc&hasErrors=yes")).toEqual(
      DEFAULT_VIEW,
    );
    expect(decodeView("?open=99999999999999999999")).toEqual(DEFAULT_VIEW);
  });
  it("drops junk in the raw viewer's fields, and the fields themselves without an open connection", () => {
    expect(decodeView("?open=3&logSide=left&logLevels=,,error,<b>,ERROR%20&logQ=")).toEqual(
      view({ open: 3 }),
    );
    expect(decodeView("?logSide=server&logLevels=ERROR&logQ=x")).toEqual(DEFAULT_VIEW);
    expect(decodeView("?open=3&logLevels=WARNING,ERROR,WARNING,FATAL_ERROR").logLevels).toEqual([
      "ERROR",
      "FATAL_ERROR",
      "WARNING",
    ]);
    expect(decodeView(`?open=3&logQ=${"q".repeat(600)}`).logQ).toHaveLength(500);
    expect(decodeView("?open=3&logQ=%E0%A4%A").logQ).toBe("\uFFFD%A"); // broken UTF-8: replaced, not thrown
  });
  it("keeps the levels within the API's 200 characters", () => {
    const many = Array.from({ length: 40 }, (_, i) => `LEVEL_${String(i).padStart(2, "0")}`);
    const kept = levelList(many.join(","));
    expect(kept.join(",").length).toBeLessThanOrEqual(200);
    expect(kept).toEqual(many.slice(0, kept.length));
    expect(levelList(`A${"B".repeat(64)},INFO`)).toEqual(["INFO"]);
  });
  it("never throws, whatever the query string", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (search, path) => {
        const decoded = decodeView(search, path);
        expect(decodeView(encodeView(decoded))).toEqual(decoded);
      }),
    );
  });
  it("reads /c/:id as the open connection", () => {
    expect(decodeView("", "/c/28770").open).toBe(28770);
    expect(decodeView("?open=5", "/c/28770").open).toBe(5);
    expect(decodeView("", "/c/x").open).toBeNull();
  });
  it("caps the search and the pattern at the API's limits", () => {
    expect(decodeView(`?q=${"x".repeat(300)}`).q).toHaveLength(256);
    expect(decodeView(`?pattern=${"p".repeat(300)}`).pattern).toHaveLength(200);
    expect(decodeView("?pattern=").pattern).toBeNull();
  });
});

describe("round trip", () => {
  const arbitraryView = fc.record({
    q: fc.string({ maxLength: 40 }),
    version: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }),
    status: fc.option(fc.constantFrom(...LOG_STATUSES), { nil: null }),
    hasErrors: fc.boolean(),
    bookmarked: fc.boolean(),
    pattern: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }),
    sort: fc.constantFrom(...CONNECTION_SORTS),
    order: fc.constantFrom("asc" as const, "desc" as const),
    open: fc.option(fc.integer({ min: -1e9, max: Number.MAX_SAFE_INTEGER }), { nil: null }),
    logSide: fc.option(fc.constantFrom(...RAW_SIDES), { nil: null }),
    logLevels: fc
      .uniqueArray(fc.constantFrom("DEBUG", "INFO", "WARNING", "ERROR", "FATAL_ERROR", "NOTICE"))
      .map((levels) => levels.sort()),
    logQ: fc.string({ maxLength: 40 }),
  });
  it("decode(encode(view)) is the view (the viewer's fields with an open connection)", () => {
    fc.assert(
      fc.property(arbitraryView, (v) => {
        const expected = v.open === null ? { ...v, logSide: null, logLevels: [], logQ: "" } : v;
        expect(decodeView(encodeView(v))).toEqual(expected);
      }),
    );
  });
});

describe("filters", () => {
  it("knows when the list is narrowed and clears all filters but keeps sort and open", () => {
    const narrowed = view({ q: "x", bookmarked: true, pattern: "p1", sort: "errors", open: 3 });
    expect(isFiltered(DEFAULT_VIEW)).toBe(false);
    expect(isFiltered(narrowed)).toBe(true);
    expect(isFiltered(view({ pattern: "p1" }))).toBe(true);
    expect(clearFilters(narrowed)).toEqual(view({ sort: "errors", open: 3 }));
  });
});

describe("followOpen", () => {
  const viewing = view({ open: 1, logSide: "server", logLevels: ["ERROR"], logQ: "drop" });
  it("starts another connection's viewer at its defaults", () => {
    expect(followOpen(viewing, { ...viewing, open: 2 })).toEqual(view({ open: 2 }));
    expect(followOpen(viewing, { ...viewing, open: null })).toEqual(DEFAULT_VIEW);
  });
  it("keeps the viewer's fields when the connection stays, or when the change sets them", () => {
    const levels = { ...viewing, logLevels: ["ERROR", "WARNING"] };
    expect(followOpen(viewing, levels)).toBe(levels);
    const both = { ...viewing, open: 2, logSide: "both" as const };
    expect(followOpen(viewing, both)).toBe(both);
    const searched = { ...viewing, q: "noah" };
    expect(followOpen(viewing, searched)).toBe(searched);
  });
});
