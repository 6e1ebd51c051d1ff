// `loupe analyze` on a file big enough to be read by two threads (analyze-file.ts): the output must be the
// core's one-pass analysis, with midnights in both parts, continuation lines and CRLF endings throughout.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeLog, METRIC_NAMES } from "@loupe/core";
import { afterAll, describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/loupe.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "loupe-big-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** About 20 MB: 240,000 lines over 2.4 days (a midnight in each thread's part), CRLF endings. */
function bigLog(): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < 240_000; i++) {
    const seconds = (79_200 + i * 0.8631) % 86_400; // starts at 22:00
    const hms = [seconds / 3600, (seconds / 60) % 60, seconds % 60].map((n) =>
      String(Math.floor(n)).padStart(2, "0"),
    );
    const time = `${hms.join(":")}:${String(Math.floor((seconds % 1) * 1e6)).padStart(6, "0")}`;
    if (i % 97 === 0) lines.push(`${time} | ERROR   | network.c | send:77 | Failed to send packet ${i}`);
    else if (i % 2 === 0)
      lines.push(`${time} | INFO    | client.c | ping:455 | Latency: ${(i % 1000) / 7919}`);
    else lines.push(`${time} | DEBUG   | video.c | decode:893 | Avg Decode Time: 0.00${i % 9}${i % 7}1`);
    if (i % 1000 === 999) lines.push("    at send (network.c:77)");
  }
  return Buffer.from(`${lines.join("\r\n")}\r\n`);
}

describe("loupe analyze on a big file (two threads)", () => {
  const bytes = bigLog();
  const path = join(dir, "big.txt");
  writeFileSync(path, bytes);
  const expected = analyzeLog(bytes);

  it("prints the one-pass analysis, series included", () => {
    expect(bytes.length).toBeGreaterThan(16 << 20);
    const r = spawnSync(process.execPath, [bin, "analyze", path], { encoding: "utf8", maxBuffer: 1 << 28 });
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout);
    expect(out.entries).toBe(expected.entries);
    expect(out.levels).toEqual(expected.levels);
    expect(out.continuationLines).toBe(expected.continuationLines);
    for (const name of METRIC_NAMES) {
      const { t, v } = expected.series[name];
      expect(out.series[name]).toEqual([...t].map((time, k) => [time, v[k]]));
      expect(out.stats[name]).toEqual(expected.stats[name]);
    }
    expect(out.series.latency.at(-1)[0]).toBeGreaterThan(2 * 86_400);
  });

  it("prints the same statistics with --no-series", () => {
    const r = spawnSync(process.execPath, [bin, "analyze", path, "--no-series"], { encoding: "utf8" });
    const out = JSON.parse(r.stdout);
    expect(out.series).toBeUndefined();
    expect(out.stats).toEqual(Object.fromEntries(METRIC_NAMES.map((name) => [name, expected.stats[name]])));
  });
});
