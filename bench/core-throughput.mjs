// Core throughput, in process, on a 50 MB generated client log: LogAnalyzer against merely finding every
// newline in the same bytes (the floor any line-based parser pays), both on one core; and the WebAssembly
// analyzer that `loupe analyze` uses (same results), on the same bytes.
import { readFileSync } from "node:fs";
import { LogAnalyzer } from "@loupe/core";
import { WasmLogAnalyzer } from "@loupe/wasm-analyzer";
import { ensureClientLog } from "./lib/generated-logs.mjs";
import { timeMedian } from "./lib/measure.mjs";

export async function run({ outDir }) {
  const path = await ensureClientLog(`${outDir}/client-50mb.txt`, 50);
  const bytes = new Uint8Array(readFileSync(path));
  const mb = bytes.length / 1e6;
  const chunk = 1 << 20;
  const scanNewlines = () => {
    let n = 0;
    for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
    return n;
  };
  const analyzeWith = (Analyzer) => () => {
    const a = new Analyzer();
    for (let o = 0; o < bytes.length; o += chunk) a.push(bytes.subarray(o, o + chunk));
    return a.finish();
  };
  const analyze = analyzeWith(LogAnalyzer);
  const analyzeWasm = analyzeWith(WasmLogAnalyzer);
  const coldStart = performance.now();
  analyze();
  const coldMs = performance.now() - coldStart;
  const baselineMs = timeMedian(scanNewlines);
  const analyzeMs = timeMedian(analyze);
  const wasmColdStart = performance.now();
  analyzeWasm();
  const wasmColdMs = performance.now() - wasmColdStart;
  const wasmMs = timeMedian(analyzeWasm);
  return [
    { name: `newline scan (baseline), ${mb.toFixed(0)} MB`, value: mb / (baselineMs / 1000), unit: "MB/s" },
    { name: "LogAnalyzer, first run in the process (JIT cold)", value: mb / (coldMs / 1000), unit: "MB/s" },
    {
      name: "LogAnalyzer, warm (median of 5)",
      value: mb / (analyzeMs / 1000),
      unit: "MB/s",
      note: `${(analyzeMs / baselineMs).toFixed(1)}× the newline scan's time`,
      goal: "≥ 300 MB/s",
      pass: mb / (analyzeMs / 1000) >= 300,
    },
    { name: "WasmLogAnalyzer, first run in the process", value: mb / (wasmColdMs / 1000), unit: "MB/s" },
    {
      name: "WasmLogAnalyzer, warm (median of 5)",
      value: mb / (wasmMs / 1000),
      unit: "MB/s",
      note: `${(wasmMs / baselineMs).toFixed(1)}× the newline scan's time; error patterns and series included`,
    },
  ];
}
