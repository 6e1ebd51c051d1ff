/**
 * Streams a request body into object storage with an HTTP PUT (S3 presigned-style buckets, GCS, R2,
 * MinIO, or any store that takes PUT), counting bytes on the way: logs stay in object storage, and an
 * upload over the cap is cut off rather than buffered. Loupe never holds an uploaded log in memory.
 */
import { Readable, Transform } from "node:stream";

export interface PutObjectOptions {
  readonly maxBytes: number;
  /** The client's declared length, forwarded (stores such as S3 require one); checked against the cap first. */
  readonly contentLength?: number;
  /** Sent as the Authorization header (a bucket token); never logged. */
  readonly authorization?: string;
  /** Longest silence from the store or the client before giving up. */
  readonly timeoutMs: number;
}

export type PutObjectResult =
  | { readonly kind: "stored"; readonly bytes: number }
  | { readonly kind: "too_large"; readonly maxBytes: number }
  /** The store refused or could not be reached: worth retrying later. */
  | { readonly kind: "store_failed"; readonly reason: string };

class TooLarge extends Error {}

export async function putObject(
  url: string,
  body: Readable,
  options: PutObjectOptions,
): Promise<PutObjectResult> {
  if (options.contentLength !== undefined && options.contentLength > options.maxBytes) {
    body.resume();
    return { kind: "too_large", maxBytes: options.maxBytes };
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > options.maxBytes) callback(new TooLarge());
      else callback(null, chunk);
    },
  });
  const controller = new AbortController();
  const timer = silenceTimer(options.timeoutMs, () => controller.abort(new Error("timed out")));
  body.on("data", timer.reset);
  // Piped by hand, not with stream.pipeline: that would destroy the request (and its socket) on the
  // first error, before the client could be told 413.
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    controller.abort(error);
  };
  counter.on("error", fail);
  body.on("error", (error) => {
    fail(error);
    counter.destroy(error);
  });
  body.pipe(counter);
  try {
    const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
    if (options.contentLength !== undefined) headers["content-length"] = String(options.contentLength);
    if (options.authorization !== undefined) headers.authorization = options.authorization;
    const response = await fetch(url, {
      method: "PUT",
      body: Readable.toWeb(counter) as ReadableStream<Uint8Array>,
      headers,
      duplex: "half",
      signal: controller.signal,
    } as RequestInit);
    await response.arrayBuffer().catch(() => undefined);
    if (failure instanceof TooLarge) return { kind: "too_large", maxBytes: options.maxBytes };
    if (failure !== undefined) throw failure;
    if (response.ok) return { kind: "stored", bytes };
    return { kind: "store_failed", reason: `the object store answered ${response.status}` };
  } catch (error) {
    const cause = failure ?? controller.signal.reason ?? error;
    if (cause instanceof TooLarge) return { kind: "too_large", maxBytes: options.maxBytes };
    return {
      kind: "store_failed",
      reason: `the object store could not be reached: ${(cause as Error).message}`,
    };
  } finally {
    timer.stop();
    body.off("data", timer.reset);
    body.unpipe(counter);
    counter.destroy();
  }
}

function silenceTimer(ms: number, onSilence: () => void) {
  let timer = setTimeout(onSilence, ms);
  return {
    reset: () => {
      clearTimeout(timer);
      timer = setTimeout(onSilence, ms);
    },
    stop: () => clearTimeout(timer),
  };
}
