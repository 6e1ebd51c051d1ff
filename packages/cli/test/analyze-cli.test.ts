// `loupe analyze` as scripts use it: a real process, real files, stdout parsed as JSON.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const bin = `${root}packages/cli/bin/loupe.js`;
const realLog = (name: string) => `${root}fixtures/real-logs/${name}`;
const golden = (name: string) => JSON.parse(readFileSync(`${root}fixtures/golden/${name}`, "utf8"));

function loupe(args: readonly string[], input?: string | Uint8Array) {
  const r = spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8", maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("loupe analyze", () => {
  for (const name of ["client-2020-05-15", "server-2020-05-08"]) {
    it(`matches the committed golden output for the real ${name} log`, () => {
      const r = loupe(["analyze", realLog(`${name}.txt`)]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out).toEqual(golden(`${name}.analyze.json`));
      expect(out.unparsedLines).toBe(0);
    });
  }

  it("prints the contract's keys in order, and leaves series out with --no-series", () => {
    const full = JSON.parse(loupe(["analyze", realLog("client-2020-05-15.txt")]).stdout);
    const lean = JSON.parse(loupe(["analyze", realLog("client-2020-05-15.txt"), "--no-series"]).stdout);
    expect(Object.keys(full)).toEqual([
      "entries",
      "levels",
      "continuationLines",
      "unparsedLines",
      "invalidValues",
      "series",
      "stats",
    ]);
    expect(Object.keys(full.series)).toEqual(["latency", "decode_time", "encode_time", "encode_size"]);
    expect(Object.keys(full.stats.latency)).toEqual(["count", "min", "max", "mean", "median", "p95", "std"]);
    const { series: _series, ...rest } = full;
    expect(lean).toEqual(rest);
  });

  it("reads standard input when FILE is -", () => {
    const bytes = readFileSync(realLog("client-2020-05-15.txt"));
    const fromStdin = JSON.parse(loupe(["analyze", "-"], bytes).stdout);
    expect(fromStdin).toEqual(golden("client-2020-05-15.analyze.json"));
  });

  it("prints a valid zero-entry summary for a file that is not a log", () => {
    const r = loupe(["analyze", "-", "--no-series"], "<html><body>503 Service Unavailable</body></html>\n");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      entries: 0,
      levels: {},
      continuationLines: 0,
      unparsedLines: 1,
      invalidValues: 0,
      stats: { latency: null, decode_time: null, encode_time: null, encode_size: null },
    });
  });

  it("prints a valid zero-entry summary for an empty file", () => {
    const r = loupe(["analyze", "-"], "");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).series).toEqual({
      latency: [],
      decode_time: [],
      encode_time: [],
      encode_size: [],
    });
  });

  it("exits 2 with a one-line message when the file does not exist", () => {
    const r = loupe(["analyze", `${root}no/such/file.txt`]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^loupe: cannot read .*no\/such\/file\.txt: no such file\n$/);
  });

  it("exits 2 on a usage mistake", () => {
    expect(loupe(["analyze"]).status).toBe(2);
    expect(loupe(["analyze", "a.txt", "--bogus"]).stderr).toMatch(/unknown option '--bogus'/i);
  });
});
