import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { maskMessage } from "./mask-message.js";
import { PatternCounter } from "./pattern-counter.js";
import { isProblemLevel } from "./problem-level.js";

const REPO_FIXTURES = fileURLToPath(new URL("../../../../fixtures/real-logs/", import.meta.url));
const SHARED_FIXTURES = "/work/shared/data/real-logs/";

function readRealLog(name: string): string {
  const inRepo = join(REPO_FIXTURES, name);
  return readFileSync(existsSync(inRepo) ? inRepo : join(SHARED_FIXTURES, name), "utf8");
}

/** A minimal reading of the line grammar, independent of the parser: `TIME | LEVEL | FILE | FUNC:LINE | MESSAGE`. */
const ENTRY = /^\d\d:\d\d:\d\d[:.]\d+ *\|([^|]*)\|[^|]*\|[^|]*\|(.*)$/;

function problemMessages(text: string): { level: string; message: string }[] {
  const found: { level: string; message: string }[] = [];
  for (const line of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const match = ENTRY.exec(line);
    const level = match?.[1]?.trim() ?? "";
    if (match && isProblemLevel(level)) found.push({ level, message: (match[2] ?? "").trim() });
  }
  return found;
}

/** template → count, worked out by reading every WARNING line of the file (neither file has an ERROR). */
const CLIENT_EXPECTED: Readonly<Record<string, number>> = {
  "Audio queue full, skipping ID <num> (Queued: <num>)": 26,
  "Unexpected Packet Error: <num>": 14,
  "Bad ID? <num> instead of <num>": 6,
  "Connected to server on <ip:port>! (Private <num>)": 6,
  "Hardware format found: qsv": 6,
  "Did not receive ID <num>, Index <num>": 5,
  "Frame dropped with ID <num>: <num>/<num>": 4,
  "last network error = <num>": 3,
  "Failed to connect to server": 1,
};

const SERVER_EXPECTED: Readonly<Record<string, number>> = {
  "Did not receive response from client! <num>": 13,
  "Adapter <num>: Microsoft Basic Render Driver": 2,
  "Could not GetDisplayModeList: <hex>": 2,
  "Adapter <num>: NVIDIA Tesla M60": 1,
};

function groupByTemplate(messages: readonly { message: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { message } of messages) {
    const template = maskMessage(message);
    counts[template] = (counts[template] ?? 0) + 1;
  }
  return counts;
}

function counterOf(messages: readonly { level: string; message: string }[]): PatternCounter {
  const counter = new PatternCounter();
  for (const [i, { level, message }] of messages.entries()) counter.add(level, message, i);
  return counter;
}

describe("error patterns of the real logs", () => {
  const client = problemMessages(readRealLog("client-2020-05-15.txt"));
  const server = problemMessages(readRealLog("server-2020-05-08.txt"));

  it("finds every WARNING line (71 in the client log, 18 in the server log)", () => {
    expect(client).toHaveLength(71);
    expect(server).toHaveLength(18);
    expect(new Set([...client, ...server].map((m) => m.level))).toEqual(new Set(["WARNING"]));
  });

  it("groups the client log's warnings into nine templates", () => {
    expect(groupByTemplate(client)).toEqual(CLIENT_EXPECTED);
  });

  it("groups the server log's warnings into four templates", () => {
    expect(groupByTemplate(server)).toEqual(SERVER_EXPECTED);
  });

  it("collapses both server addresses of the client log into one pattern", () => {
    const connected = client.filter((m) => m.message.startsWith("Connected to server on"));
    expect(new Set(connected.map((m) => m.message))).toEqual(
      new Set([
        "Connected to server on 198.51.100.23:32262! (Private 32262)",
        "Connected to server on 198.51.100.23:32263! (Private 32263)",
      ]),
    );
    expect(new Set(connected.map((m) => maskMessage(m.message))).size).toBe(1);
  });

  it("counts the same patterns through a merged counter, first examples kept", () => {
    const merged = counterOf(client).merge(counterOf(server));
    expect(merged.totalCount).toBe(89);
    expect(merged.overflowCount).toBe(0);
    const top = merged.top(3);
    expect(top.map((p) => [p.template, p.count])).toEqual([
      ["Audio queue full, skipping ID <num> (Queued: <num>)", 26],
      ["Unexpected Packet Error: <num>", 14],
      ["Did not receive response from client! <num>", 13],
    ]);
    const first = client.find((m) => m.message.startsWith("Audio queue full"));
    expect(top[0]?.example).toBe(first?.message);
  });
});
