/**
 * The mechanics of one log download over node:http(s): requests, the timers that bound it, and turning
 * whatever went wrong into a FetchResult. node:http rather than fetch() because it hands us the socket's
 * pace (pause/resume), an exact `complete` flag for bodies cut short, and a `lookup` hook for SSRF pinning.
 *
 * Every timer or abort ends in `interrupt(result)`: it records the result, then destroys whichever stream
 * is active, so the awaiting code fails fast and `classify` reports the recorded cause, not the echo.
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { type FetchLogOptions, type FetchResult, SOURCE_REFUSED } from "./fetch-types.js";

/** Wraps an error thrown by the caller's onChunk: it is theirs to see, not a network outcome. */
export class CallbackError extends Error {
  constructor(override readonly cause: unknown) {
    super("onChunk failed");
  }
}

class Interrupted extends Error {}

export class HttpExchange {
  private active: ClientRequest | Readable | undefined;
  private interruption: FetchResult | undefined;
  private headersTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private readonly deadlineTimer: NodeJS.Timeout | undefined;
  private readonly onAbort = (): void => this.interrupt({ kind: "failed", reason: "aborted" });
  /** Which part of the exchange an error happened in, for its message. */
  phase: "connect" | "body" = "connect";
  /** The URL being requested, named when the connection's lookup refuses its address. */
  private url: URL | undefined;

  constructor(private readonly options: FetchLogOptions) {
    const { deadlineMs, signal } = options;
    if (deadlineMs !== undefined) {
      this.deadlineTimer = setTimeout(
        () =>
          this.interrupt({ kind: "retryable", reason: `not finished within the ${deadlineMs} ms deadline` }),
        deadlineMs,
      );
    }
    signal?.addEventListener("abort", this.onAbort, { once: true });
  }

  /**
   * Sends a GET and resolves with the response head (or rejects: see classify). `lookup` resolves the
   * host for the connection (the source rules' vetting lookup), Node's own when undefined.
   */
  request(url: URL, headers: Record<string, string>, lookup?: LookupFunction): Promise<IncomingMessage> {
    this.phase = "connect";
    this.url = url;
    // A deadline or abort that fired between two hops must stop the next one too.
    if (this.interruption !== undefined) return Promise.reject(new Interrupted(this.interruption.kind));
    const { timeoutMs } = this.options;
    return new Promise<IncomingMessage>((resolve, reject) => {
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(
        url,
        { method: "GET", headers, ...(lookup === undefined ? {} : { lookup }) },
        (res) => {
          clearTimeout(this.headersTimer);
          // From here on, a late socket error surfaces on the response stream, which its reader handles.
          res.on("error", () => {});
          resolve(res);
        },
      );
      req.on("error", reject);
      this.active = req;
      this.headersTimer = setTimeout(
        () => this.interrupt({ kind: "retryable", reason: `no response within ${timeoutMs} ms` }),
        timeoutMs,
      );
      req.end();
    });
  }

  /** The stream the body is read from; timers destroy it. */
  readingFrom(stream: Readable): void {
    this.phase = "body";
    this.active = stream;
    if (this.interruption !== undefined) stream.destroy(new Interrupted(this.interruption.kind));
  }

  /** Between chunks: silence longer than timeoutMs is a stall. Not armed while the consumer is busy. */
  armStall(): void {
    const { timeoutMs } = this.options;
    this.stallTimer = setTimeout(
      () => this.interrupt({ kind: "retryable", reason: `body stalled: no data for ${timeoutMs} ms` }),
      timeoutMs,
    );
  }

  disarmStall(): void {
    clearTimeout(this.stallTimer);
  }

  interrupt(result: FetchResult): void {
    this.interruption ??= result;
    this.active?.destroy(new Interrupted(result.kind));
  }

  /** What an error thrown while talking to the server means. Rethrows the caller's own errors and aborts. */
  classify(error: unknown): FetchResult {
    const signal = this.options.signal;
    if (signal?.aborted) throw signal.reason;
    if (error instanceof CallbackError) throw error.cause;
    if (this.interruption !== undefined) return this.interruption;
    const { code, message } = error as NodeJS.ErrnoException;
    // The source rules refused the address the host resolved to: no connection was made, and retrying
    // would meet the same rule.
    if (code === SOURCE_REFUSED) return { kind: "failed", reason: `${this.url?.href} refused: ${message}` };
    const what = code === undefined || message.includes(code) ? message : `${code} ${message}`;
    if (this.phase === "body") return { kind: "retryable", reason: `body cut short: ${what}` };
    return { kind: "retryable", reason: `connection failed: ${what}` };
  }

  /** Stops every timer and drops the abort listener; destroys a stream left half-read. */
  close(): void {
    clearTimeout(this.headersTimer);
    clearTimeout(this.stallTimer);
    clearTimeout(this.deadlineTimer);
    this.options.signal?.removeEventListener("abort", this.onAbort);
    if (this.active !== undefined && !this.active.destroyed && !isFinished(this.active))
      this.active.destroy();
  }
}

function isFinished(stream: ClientRequest | Readable): boolean {
  return "readableEnded" in stream ? stream.readableEnded : stream.writableFinished;
}

/**
 * Lets go of a response whose body we do not want. A small one is drained so its keep-alive connection
 * can serve the next log (most missing logs are 300-byte XML errors); anything else closes the connection.
 */
export function discard(res: IncomingMessage): void {
  const length = Number(res.headers["content-length"]);
  if (Number.isFinite(length) && length <= 16 * 1024) res.resume();
  else res.destroy();
}
