/**
 * Worker thread of `loupe analyze` (see analyze-file.ts): analyses the later part of a file, from a line
 * start to the end, and posts the part back (its buffers transferred, not copied).
 */
import { parentPort, workerData } from "node:worker_threads";
import { WasmLogAnalyzer } from "@loupe/wasm-analyzer";
import { withInputFile } from "./byte-source.js";

export interface PartRequest {
  readonly path: string;
  readonly from: number;
  readonly series: boolean;
}

const request = workerData as PartRequest;
const analyzer = new WasmLogAnalyzer({ patterns: false, series: request.series, continuesLog: true });
withInputFile(request.path, (file) =>
  file.readRange(request.from, Number.POSITIVE_INFINITY, (read) => analyzer.pushFrom(read)),
);
const part = analyzer.finishPart();
const buffers = [...part.values, ...(part.times ?? [])].map((column) => column.buffer as ArrayBuffer);
parentPort?.postMessage(part, buffers);
