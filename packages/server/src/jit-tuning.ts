/**
 * V8 settings for a long-running server. By default V8 drops the bytecode of a function unused for five
 * major garbage collections, to save memory in browsers with huge, mostly idle code; a server's code is
 * bounded and runs again soon, so dropping it only means compiling it again (and running it unoptimised
 * meanwhile). Measured on one API process under the dashboard's mixed load: 7% less CPU per request at
 * 200 requests/s, 9% at 100 (docs/benchmarks.md, "One API process vs two behind nginx").
 */
import { setFlagsFromString } from "node:v8";

export function keepCompiledCode(): void {
  setFlagsFromString("--no-flush-bytecode");
}
