// @loupe/server: what `loupe serve` and `loupe ingest` use. Everything else is internal.
export { createApiToken, listApiTokens, revokeApiToken } from "./auth/token-admin.js";
export { TokenInputError } from "./auth/tokens.js";
export {
  ConfigError,
  databaseConfig,
  parseServeConfig,
  SERVE_HELP,
  type ServeConfig,
  wantsHelp,
} from "./config/config.js";
export { type IngestReport, type IngestSummary, ingestManifest } from "./ingest-manifest.js";
export { ManifestLoadError, ManifestSyntaxError } from "./manifest/types.js";
export { type RunningServer, serve } from "./serve.js";
export { isDatabaseUnavailable } from "./store/database-unavailable.js";
export type { ApiTokenRecord } from "./store/store.js";
