/**
 * A parse job on the calling thread: the same contract as a worker job, for tests and for hosts where
 * threads are not wanted. The analyzer copies what it keeps of a chunk, so nothing needs copying here.
 */
import { LogAnalyzer } from "@loupe/core";
import { type ParseJob, ParseJobError, type ParseResult } from "./parse-job.js";

export class InlineParseJob implements ParseJob {
  private analyzer: LogAnalyzer | undefined = new LogAnalyzer();
  private parseMs = 0;

  constructor(private readonly release: () => void) {}

  async push(chunk: Uint8Array): Promise<void> {
    const analyzer = this.current();
    this.timed(() => analyzer.push(chunk));
  }

  async finish(): Promise<ParseResult> {
    const analyzer = this.current();
    const analysis = this.timed(() => analyzer.finish());
    this.settle();
    return { analysis, parseSeconds: this.parseMs / 1000 };
  }

  abort(): void {
    if (this.analyzer !== undefined) this.settle();
  }

  private current(): LogAnalyzer {
    if (this.analyzer === undefined) throw new ParseJobError("parse job already finished or aborted");
    return this.analyzer;
  }

  private timed<T>(step: () => T): T {
    const started = performance.now();
    try {
      return step();
    } catch (error) {
      this.settle();
      throw error;
    } finally {
      this.parseMs += performance.now() - started;
    }
  }

  private settle(): void {
    this.analyzer = undefined;
    this.release();
  }
}
