// @loupe/core's LogAnalyzer with its per-byte work in WebAssembly: for one-shot processes (`loupe analyze`)
// that cannot wait for the JIT. Results are identical to the core's (see wasm-log-analyzer.test.ts).
export { type LogPart, PartNotJoinable } from "./log-part.js";
export { analyzeLogWasm, WasmLogAnalyzer, type WasmLogAnalyzerOptions } from "./wasm-log-analyzer.js";
