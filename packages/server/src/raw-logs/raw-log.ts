/**
 * A log's entries held for the raw-log viewer: parsed once from its bytes (fetched again from object
 * storage, where logs stay), kept in an LRU cache, and queried page by page.
 */
import { type LogEntry, LogEntryReader, type TextLine } from "@loupe/core";
import type { LogSide } from "../store/store.js";

export interface RawEntry extends LogEntry {
  readonly side: LogSide;
}

export interface RawLog {
  readonly side: LogSide;
  readonly entries: readonly RawEntry[];
  /** Lines before the first entry, shown at the top of the viewer. */
  readonly preamble: readonly TextLine[];
  /** Rough heap cost, for the cache's budget. */
  readonly approxBytes: number;
}

/** Builds a RawLog from chunks pushed as they arrive (from a fetch body, a file, a test). */
export function rawLogBuilder(side: LogSide): { push(chunk: Uint8Array): void; finish(): RawLog } {
  const entries: RawEntry[] = [];
  const preamble: TextLine[] = [];
  let bytes = 0;
  const reader = new LogEntryReader(
    (entry) => entries.push({ ...entry, side }),
    (line) => preamble.push(line),
  );
  return {
    push(chunk) {
      bytes += chunk.length;
      reader.push(chunk);
    },
    finish() {
      reader.end();
      // Strings are UTF-16 in memory plus per-object overhead: about 3× the file, plus the entry objects.
      return { side, entries, preamble, approxBytes: bytes * 3 + entries.length * 160 };
    },
  };
}

/** Parses a log streamed as chunks into a RawLog. */
export async function readRawLog(side: LogSide, chunks: AsyncIterable<Uint8Array>): Promise<RawLog> {
  const builder = rawLogBuilder(side);
  for await (const chunk of chunks) builder.push(chunk);
  return builder.finish();
}
