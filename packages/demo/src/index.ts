// Deterministic demo data that looks like production: a manifest of connections and, per object, the
// client or server log's bytes, generated on demand from a numeric seed; and a bucket serving them over
// HTTP. See ../README.md. `@loupe/demo/generator` is the same without the Node-only bucket.
export * from "./bucket.js";
export { startDemoBucketThread } from "./bucket-thread.js";
export * from "./generator.js";
