/**
 * `loupe analyze` on a file: big files are read by two threads, this one taking the first part and a
 * worker the rest from a line start; the parts are joined into exactly the one-pass analysis (see
 * @loupe/wasm-analyzer's log-part.ts). One pass when the file is small, one core is all there is, or the
 * worker's part cannot be joined exactly.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LogAnalysis } from "@loupe/core";
import { type LogPart, PartNotJoinable, WasmLogAnalyzer } from "@loupe/wasm-analyzer";
import type { PartRequest } from "./analyze-part-worker.js";
import { type InputFile, readStdin, withInputFile } from "./byte-source.js";

/** Below this a worker's start (about 25 ms) costs more than the half it would read. */
const PARALLEL_MIN_BYTES = 16 << 20;
/** This thread's share: it starts reading while the worker is still starting. */
const MAIN_SHARE = 0.66;

export async function analyzeInput(path: string, series: boolean): Promise<LogAnalysis> {
  const analyzer = new WasmLogAnalyzer({ patterns: false, series });
  if (path === "-") {
    await readStdin((chunk) => analyzer.push(chunk));
    return analyzer.finish();
  }
  // This thread's reading is synchronous, inside withInputFile; the worker opens the file itself.
  const rest = withInputFile(path, (file) => {
    const cut = twoPartCut(file);
    const part = cut === undefined ? undefined : readPartInWorker({ path, from: cut, series });
    file.readRange(0, cut ?? file.size, (read) => analyzer.pushFrom(read));
    return part;
  });
  if (rest === undefined) return analyzer.finish();
  const part = await rest;
  try {
    return analyzer.finish(part);
  } catch (error) {
    if (!(error instanceof PartNotJoinable)) throw error;
  }
  const onePass = new WasmLogAnalyzer({ patterns: false, series });
  withInputFile(path, (file) => file.readRange(0, file.size, (read) => onePass.pushFrom(read)));
  return onePass.finish();
}

/** Where the worker's part starts (a line start), or undefined to read in one pass. */
function twoPartCut(file: InputFile): number | undefined {
  if (file.size < PARALLEL_MIN_BYTES || availableParallelism() < 2) return undefined;
  const cut = file.lineStartAfter(Math.floor(file.size * MAIN_SHARE));
  return cut > 0 && cut < file.size ? cut : undefined;
}

function readPartInWorker(request: PartRequest): Promise<LogPart> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./analyze-part-worker.js", import.meta.url), { workerData: request });
    worker.once("message", (part: LogPart) => resolve(part));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the analysis worker stopped (exit code ${code})`)));
  });
}
