// The pure core of Loupe: bytes of one log in, entries, metrics, statistics and error patterns out.
// No I/O and no Node-only API, so the server, the CLI, worker threads and the browser can all use it.
export * from "./analysis/assemble-log-analysis.js";
export * from "./analysis/level-kind.js";
export * from "./analysis/log-analysis.js";
export * from "./analysis/log-analyzer.js";
export * from "./analysis/parser-version.js";
export * from "./downsample/min-max.js";
export * from "./format/entry-line.js";
export * from "./metrics/metric-line.js";
export * from "./metrics/metric-names.js";
export { TIME_FRACTION_SCALES } from "./parser/day-clock.js";
export * from "./parser/entry-reader.js";
export * from "./parser/level-table.js";
export * from "./parser/log-line-stream.js";
export { decodeText } from "./parser/text.js";
export * from "./patterns/index.js";
export * from "./stats/correlation.js";
export * from "./stats/describe.js";
export * from "./stats/mann-whitney.js";
export * from "./stats/rank.js";
