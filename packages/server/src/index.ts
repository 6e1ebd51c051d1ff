// @loupe/server: what `loupe serve` and `loupe ingest` use. Everything else is internal.
export { ConfigError, parseServeConfig, SERVE_HELP, type ServeConfig, wantsHelp } from "./config/config.js";
export { type IngestReport, type IngestSummary, ingestManifest } from "./ingest-manifest.js";
export { ManifestLoadError, ManifestSyntaxError } from "./manifest/types.js";
export { type RunningServer, serve } from "./serve.js";
