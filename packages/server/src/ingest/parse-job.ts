/**
 * One log being parsed: the caller pushes the body chunk by chunk and finally asks for the analysis.
 * `WorkerParseJob` is the main-thread side of a job running in a worker: chunks are copied into batch
 * buffers (one copy out of the socket's buffers, which Node may share, then zero-copy transfer), and at
 * most `maxInFlight` batches are on their way; push() waits for the worker's acks beyond that, so a
 * 1 GB log holds about maxInFlight × batchBytes of memory.
 */
import type { LogAnalysis } from "@loupe/core";
import type { ToWorker } from "./parse-protocol.js";

export interface ParseResult {
  readonly analysis: LogAnalysis;
  /**
   * Seconds spent inside the analyzer (push + finish), without the waits for bytes. Wall clock on the
   * parsing thread (Node 20 has no per-thread CPU clock), so a core shared with other work inflates it.
   */
  readonly parseSeconds: number;
}

export interface ParseJob {
  /** Hands over the next bytes; resolves when the caller may push more. The pool copies: reuse is safe. */
  push(chunk: Uint8Array): Promise<void>;
  /** No more bytes: resolves with the analysis. Rejects if the job failed (a worker crash, a parser bug). */
  finish(): Promise<ParseResult>;
  /** Drops the job (the download failed). Idempotent; later push/finish reject. */
  abort(): void;
}

export class ParseJobError extends Error {
  override readonly name = "ParseJobError";
}

export interface WorkerJobLimits {
  readonly batchBytes: number;
  readonly maxInFlight: number;
}

type Post = (message: ToWorker, transfer?: ArrayBuffer[]) => void;

export class WorkerParseJob implements ParseJob {
  private staging: Uint8Array | undefined;
  private filled = 0;
  private inFlight = 0;
  private wakeSender: (() => void) | undefined;
  private failure: Error | undefined;
  private settled = false;
  /** push() and finish() run one after another even if the caller does not wait. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly result: Promise<ParseResult>;
  private resolveResult!: (result: ParseResult) => void;
  private rejectResult!: (error: Error) => void;

  constructor(
    readonly id: number,
    private readonly post: Post,
    private readonly limits: WorkerJobLimits,
    /** Tells the pool the job no longer occupies its worker. */
    private readonly release: () => void,
  ) {
    this.result = new Promise<ParseResult>((resolve, reject) => {
      this.resolveResult = resolve;
      this.rejectResult = reject;
    });
    // A job that fails before anyone calls finish() must not be an unhandled rejection.
    this.result.catch(() => {});
    post({ type: "start", job: id });
  }

  push(chunk: Uint8Array): Promise<void> {
    const next = this.tail.then(() => this.write(chunk));
    this.tail = next;
    return next;
  }

  finish(): Promise<ParseResult> {
    const next = this.tail.then(async () => {
      await this.flush();
      this.check();
      this.post({ type: "finish", job: this.id });
      return this.result;
    });
    this.tail = next;
    return next;
  }

  abort(): void {
    if (this.settled) return;
    this.post({ type: "abort", job: this.id });
    this.fail(new ParseJobError("parse job aborted"));
  }

  /** From the worker: a batch is parsed. */
  acked(): void {
    this.inFlight--;
    this.wakeSender?.();
  }

  done(analysis: LogAnalysis, parseMs: number): void {
    if (this.settled) return;
    this.settle();
    this.resolveResult({ analysis, parseSeconds: parseMs / 1000 });
  }

  /** The job cannot finish (parser error, worker crash, pool closed). */
  fail(error: Error): void {
    if (this.settled) return;
    this.failure = error;
    this.settle();
    this.rejectResult(error);
    this.wakeSender?.();
  }

  private settle(): void {
    this.settled = true;
    this.staging = undefined;
    this.release();
  }

  private async write(chunk: Uint8Array): Promise<void> {
    this.check();
    const { batchBytes } = this.limits;
    let offset = 0;
    while (offset < chunk.length) {
      this.staging ??= new Uint8Array(batchBytes);
      const n = Math.min(chunk.length - offset, batchBytes - this.filled);
      this.staging.set(chunk.subarray(offset, offset + n), this.filled);
      this.filled += n;
      offset += n;
      if (this.filled === batchBytes) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    if (this.filled === 0 || this.staging === undefined) return;
    while (this.inFlight >= this.limits.maxInFlight && this.failure === undefined) {
      await new Promise<void>((resolve) => {
        this.wakeSender = resolve;
      });
      this.wakeSender = undefined;
    }
    this.check();
    const bytes = this.staging.buffer as ArrayBuffer;
    const length = this.filled;
    this.staging = undefined;
    this.filled = 0;
    this.inFlight++;
    this.post({ type: "chunk", job: this.id, bytes, length }, [bytes]);
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
