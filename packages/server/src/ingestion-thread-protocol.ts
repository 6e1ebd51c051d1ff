/** Messages between `loupe serve`'s main thread and its ingestion thread (ingestion-thread.ts). */
import type { IngestSettings } from "./ingestion.js";
import type { StoreOptions } from "./store/kysely/create-store.js";

/** The thread's workerData: everything it needs to open its own store and run the pipeline. */
export interface IngestionThreadData {
  readonly store: StoreOptions;
  readonly settings: IngestSettings;
  /** --allow-source prefixes, and the origins the manifest made trusted. */
  readonly allowSources: readonly string[];
  readonly trustedOrigins: readonly string[];
}

export type ToIngestionThread =
  | { readonly type: "ingestNow"; readonly id: number; readonly logId: number }
  | { readonly type: "close" };

export type FromIngestionThread =
  | { readonly type: "done"; readonly id: number; readonly error?: string }
  | { readonly type: "counters"; readonly counters: Readonly<Record<string, number>> }
  | { readonly type: "closed" };
