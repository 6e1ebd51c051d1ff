// Manifest import: the streaming backend's export (JSON array, NDJSON or the old Python literal) → rows.
export { formatLastUpdated, parseLastUpdated } from "./last-updated.js";
export { type LoadManifestOptions, loadManifest } from "./load-manifest.js";
export { parseManifest, validateManifestValues } from "./parse-manifest.js";
export {
  type ManifestFormat,
  ManifestLoadError,
  type ManifestRowError,
  ManifestSyntaxError,
  type ParsedManifest,
} from "./types.js";
