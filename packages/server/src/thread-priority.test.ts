import { execFileSync } from "node:child_process";
import { readlinkSync } from "node:fs";
import { getPriority } from "node:os";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { BACKGROUND_NICENESS } from "./thread-priority.js";

const onLinux = process.platform === "linux";

describe.runIf(onLinux)("lowerThreadPriority", () => {
  it("lowers the calling thread alone, and threads it starts inherit it", async () => {
    const moduleUrl = new URL("../dist/thread-priority.js", import.meta.url).href;
    // A worker lowers itself, then reports its own nice value and that of a thread it starts.
    const source = `
      const { readlinkSync } = require("node:fs");
      const { getPriority } = require("node:os");
      const { Worker, parentPort } = require("node:worker_threads");
      import(${JSON.stringify(moduleUrl)}).then(({ lowerThreadPriority }) => {
        const lowered = lowerThreadPriority();
        const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
        const child = new Worker(
          'const { readlinkSync } = require("node:fs"); const { getPriority } = require("node:os");' +
          'require("node:worker_threads").parentPort.postMessage(getPriority(Number(readlinkSync("/proc/thread-self").split("/").pop())));',
          { eval: true },
        );
        child.once("message", (childNice) => parentPort.postMessage({ lowered, nice: getPriority(tid), childNice }));
      });`;
    const worker = new Worker(source, { eval: true });
    const report = await new Promise<{ lowered: boolean; nice: number; childNice: number }>(
      (resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      },
    );
    await worker.terminate();
    const mainTid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    expect(report).toEqual({ lowered: true, nice: BACKGROUND_NICENESS, childNice: BACKGROUND_NICENESS });
    expect(getPriority(mainTid)).toBe(0);
  });

  it("lowers every other thread of the process and keeps the caller's priority", () => {
    const moduleUrl = new URL("../dist/thread-priority.js", import.meta.url).href;
    // In a process of its own: V8's and libuv's threads exist there from the start, as in `loupe serve`.
    const source = `
      import(${JSON.stringify(moduleUrl)}).then(({ lowerOtherThreadsPriority }) => {
        const { readdirSync, readlinkSync } = require("node:fs");
        const { getPriority } = require("node:os");
        const lowered = lowerOtherThreadsPriority();
        const self = Number(readlinkSync("/proc/thread-self").split("/").pop());
        const others = readdirSync("/proc/self/task").map(Number).filter((tid) => tid !== self);
        console.log(JSON.stringify({ lowered, self: getPriority(self), others: others.map((t) => getPriority(t)) }));
      });`;
    const report = JSON.parse(execFileSync(process.execPath, ["-e", source], { encoding: "utf8" })) as {
      lowered: number;
      self: number;
      others: number[];
    };
    expect(report.self).toBe(0);
    expect(report.others.length).toBeGreaterThan(0);
    expect(report.lowered).toBe(report.others.length);
    expect(new Set(report.others)).toEqual(new Set([BACKGROUND_NICENESS]));
  });
});
