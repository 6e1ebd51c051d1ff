import { describe, expect, it } from "vitest";
import { InvalidCursorError } from "../store.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { containsPattern } from "./like-pattern.js";

describe("keyset cursor", () => {
  it("round-trips a position as base64url", () => {
    const position = { sort: "errors", order: "asc", key: 12, connectionId: 28_770 } as const;
    const cursor = encodeCursor(position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, "errors", "asc")).toEqual(position);
  });

  it("allows a null key only for the nullable medianLatency sort", () => {
    const cursor = encodeCursor({ sort: "medianLatency", order: "desc", key: null, connectionId: 1 });
    expect(decodeCursor(cursor, "medianLatency", "desc").key).toBeNull();
    const bad = encodeCursor({ sort: "lastUpdated", order: "desc", key: null, connectionId: 1 });
    expect(() => decodeCursor(bad, "lastUpdated", "desc")).toThrow(InvalidCursorError);
  });

  it.each([
    ["garbage", "not a cursor!"],
    ["not JSON", Buffer.from("{nope").toString("base64url")],
    ["an array", Buffer.from("[1,2]").toString("base64url")],
    ["a fractional id", Buffer.from('{"s":"lastUpdated","o":"desc","k":1,"id":1.5}').toString("base64url")],
    ["a string key", Buffer.from('{"s":"lastUpdated","o":"desc","k":"1","id":1}').toString("base64url")],
    ["a fractional time", Buffer.from('{"s":"lastUpdated","o":"desc","k":1.5,"id":1}').toString("base64url")],
    ["another sort", encodeCursor({ sort: "errors", order: "desc", key: 1, connectionId: 1 })],
    ["another order", encodeCursor({ sort: "lastUpdated", order: "asc", key: 1, connectionId: 1 })],
  ])("rejects %s with InvalidCursorError", (_name, cursor) => {
    expect(() => decodeCursor(cursor, "lastUpdated", "desc")).toThrow(InvalidCursorError);
  });
});

describe("containsPattern", () => {
  it("lower-cases and escapes %, _ and the escape character", () => {
    expect(containsPattern("Noah")).toBe("%noah%");
    expect(containsPattern("50%_off\\x")).toBe("%50\\%\\_off\\\\x%");
  });
});
