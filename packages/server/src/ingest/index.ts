// Ingestion: fetch each log (fetcher.ts), parse it on worker threads (parse-pool.ts), record the outcome
// through the store's queue (pipeline.ts). See docs/server-design.md.
export {
  type CheckUrl,
  type FetchKind,
  type FetchLogOptions,
  type FetchResult,
  fetchLog,
  type OnChunk,
  parseRetryAfter,
  retryDelayMs,
  SOURCE_REFUSED,
  type UrlVerdict,
} from "./fetcher.js";
export type { IngestCounters } from "./ingest-counters.js";
export { formatBytes } from "./outcome.js";
export {
  createParsePool,
  type ParseJob,
  ParseJobError,
  type ParsePool,
  type ParsePoolOptions,
  type ParsePoolStats,
  type ParseResult,
} from "./parse-pool.js";
export {
  createIngestPipeline,
  type IngestErrorPhase,
  type IngestFetchOptions,
  type IngestPipeline,
  type IngestPipelineOptions,
  type IngestQueue,
  leaseBudgetMs,
} from "./pipeline.js";
export { defaultWorkerUrl } from "./worker-location.js";
