import { describe, expect, it } from "vitest";
import { readRawLog } from "./raw-log.js";
import { interleave, queryRawEntries } from "./raw-log-query.js";

async function* chunksOf(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const CLIENT = `preamble line
10:00:00:000 | INFO    | main.c | main:1 | Connecting...
10:00:01:000 | WARNING | net.c | recv:2 | Latency spike
10:00:03:000 | ERROR   | net.c | recv:3 | Failed to send packet 12
    at send (net.c:77)
`;
const SERVER = `10:00:00:500 | INFO    | enc.c | encode:9 | Average Encode Time: 0.010000\r
10:00:02:000 | ERROR   | enc.c | encode:9 | Encoder session lost\r
`;

describe("raw log pages", () => {
  it("parses a streamed log with its preamble and continuation lines", async () => {
    const log = await readRawLog("client", chunksOf(CLIENT));
    expect(log.preamble).toEqual([{ lineNumber: 1, text: "preamble line" }]);
    expect(log.entries.map((e) => [e.side, e.lineNumber, e.level])).toEqual([
      ["client", 2, "INFO"],
      ["client", 3, "WARNING"],
      ["client", 4, "ERROR"],
    ]);
    expect(log.entries[2]?.continuation).toEqual([{ lineNumber: 5, text: "    at send (net.c:77)" }]);
  });

  it("interleaves both sides by time", async () => {
    const both = interleave([
      await readRawLog("client", chunksOf(CLIENT)),
      await readRawLog("server", chunksOf(SERVER)),
    ]);
    expect(both.map((e) => `${e.side[0]}${e.time - 36000}`)).toEqual(["c0", "s0.5", "c1", "s2", "c3"]);
  });

  it("filters by level and by text in the message or a continuation line, case-insensitively", async () => {
    const entries = (await readRawLog("client", chunksOf(CLIENT))).entries;
    expect(queryRawEntries(entries, { levels: ["ERROR", "WARNING"], limit: 10 }).total).toBe(2);
    expect(queryRawEntries(entries, { q: "LATENCY", limit: 10 }).items.map((e) => e.lineNumber)).toEqual([3]);
    expect(queryRawEntries(entries, { q: "net.c:77", limit: 10 }).items.map((e) => e.lineNumber)).toEqual([
      4,
    ]);
    expect(queryRawEntries(entries, { q: "nothing like this", limit: 10 })).toMatchObject({
      total: 0,
      nextCursor: null,
    });
  });

  it("pages with a cursor that covers every entry once, and jumps to a moment", async () => {
    const both = interleave([
      await readRawLog("client", chunksOf(CLIENT)),
      await readRawLog("server", chunksOf(SERVER)),
    ]);
    const seen: number[] = [];
    let cursor: number | undefined = 0;
    while (cursor !== undefined) {
      const page = queryRawEntries(both, { cursor, limit: 2 });
      seen.push(...page.items.map((e) => e.time));
      cursor = page.nextCursor ?? undefined;
    }
    expect(seen).toEqual(both.map((e) => e.time));
    const at = queryRawEntries(both, { at: 36001.5, limit: 2 });
    expect(at.offset).toBe(3);
    expect(at.items[0]?.message).toBe("Encoder session lost");
  });
});
