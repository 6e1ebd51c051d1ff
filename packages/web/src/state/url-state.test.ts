import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONNECTION_SORTS, LOG_STATUSES } from "../api/types.js";
import {
  clearFilters,
  DEFAULT_VIEW,
  decodeView,
  encodeView,
  isFiltered,
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
    });
    expect(encodeView(all)).toBe(
      "?q=noah&version=c47d0e5-5A8F3C27&status=missing&hasErrors=1&bookmarked=1&pattern=8c7d37526b70dde6&sort=errors&order=asc&open=21469",
    );
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
  });
  it("decode(encode(view)) is the view", () => {
    fc.assert(
      fc.property(arbitraryView, (v) => {
        expect(decodeView(encodeView(v))).toEqual(v);
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
