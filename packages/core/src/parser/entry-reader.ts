/**
 * Bytes → whole entries (with their continuation lines), for the raw log view and for tests. The analyzer
 * does not use this: it never builds strings for lines it only needs to count.
 */
import type { EntryHeader } from "./entry-header.js";
import { type LineVisitor, LogLineStream } from "./log-line-stream.js";
import { decodeText } from "./text.js";

export interface TextLine {
  /** 1-based line number in the file, blank lines included. */
  readonly lineNumber: number;
  readonly text: string;
}

export interface LogEntry {
  readonly lineNumber: number;
  /** Seconds since 00:00 UTC of the log's first day, midnight rollover applied. */
  readonly time: number;
  readonly level: string;
  readonly file: string;
  readonly func: string;
  /** The LINE of FUNCTION:LINE. */
  readonly sourceLine: number;
  readonly message: string;
  /** Non-blank lines after the entry that do not follow the grammar. */
  readonly continuation: readonly TextLine[];
}

export interface ParsedLog {
  readonly entries: readonly LogEntry[];
  /** Non-blank lines before the first entry. */
  readonly unparsed: readonly TextLine[];
}

interface PendingEntry extends Omit<LogEntry, "continuation"> {
  continuation: TextLine[];
}

export class LogEntryReader implements LineVisitor {
  private readonly stream = new LogLineStream(this);
  private pending: PendingEntry | undefined;

  /** `onEntry` is called once an entry is complete: when the next one starts, or at end(). */
  constructor(
    private readonly onEntry: (entry: LogEntry) => void,
    private readonly onUnparsed: (line: TextLine) => void = () => {},
  ) {}

  push(chunk: Uint8Array): void {
    this.stream.push(chunk);
  }

  end(): void {
    this.stream.end();
    this.flush();
  }

  entry(buf: Uint8Array, h: EntryHeader, time: number, lineNumber: number): void {
    this.flush();
    this.pending = {
      lineNumber,
      time,
      level: decodeText(buf, h.levelStart, h.levelEnd),
      file: decodeText(buf, h.fileStart, h.fileEnd),
      func: decodeText(buf, h.funcStart, h.funcEnd),
      sourceLine: h.sourceLine,
      message: decodeText(buf, h.messageStart, h.messageEnd),
      continuation: [],
    };
  }

  continuation(buf: Uint8Array, start: number, end: number, lineNumber: number): void {
    this.pending?.continuation.push({ lineNumber, text: decodeText(buf, start, end) });
  }

  unparsed(buf: Uint8Array, start: number, end: number, lineNumber: number): void {
    this.onUnparsed({ lineNumber, text: decodeText(buf, start, end) });
  }

  private flush(): void {
    if (this.pending === undefined) return;
    const entry = this.pending;
    this.pending = undefined;
    this.onEntry(entry);
  }
}

/** Parses a whole log held in memory. */
export function parseLogEntries(bytes: Uint8Array): ParsedLog {
  const entries: LogEntry[] = [];
  const unparsed: TextLine[] = [];
  const reader = new LogEntryReader(
    (e) => entries.push(e),
    (l) => unparsed.push(l),
  );
  reader.push(bytes);
  reader.end();
  return { entries, unparsed };
}

/** Streams entries from any async source of byte chunks (a fetch body, a file stream). */
export async function* readLogEntries(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<LogEntry> {
  const ready: LogEntry[] = [];
  const reader = new LogEntryReader((e) => ready.push(e));
  for await (const chunk of chunks) {
    reader.push(chunk);
    yield* ready.splice(0);
  }
  reader.end();
  yield* ready.splice(0);
}
