// @loupe/core's LogAnalyzer with its per-byte work in WebAssembly: for one-shot processes (`loupe analyze`)
// that cannot wait for the JIT. Results are identical to the core's (see wasm-log-analyzer.test.ts).
export { analyzeLogWasm, WasmLogAnalyzer } from "./wasm-log-analyzer.js";
