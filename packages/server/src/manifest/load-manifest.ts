/**
 * Reads a manifest from a file path or an http(s) URL and parses it. The operator names this source
 * (`--manifest`), so it is trusted: redirects are followed. Both ways are capped in size and time, because
 * the whole text must sit in memory to be parsed.
 */
import { readFile, stat } from "node:fs/promises";
import { parseManifest } from "./parse-manifest.js";
import { ManifestLoadError, type ParsedManifest } from "./types.js";

export interface LoadManifestOptions {
  /** Default 256 MiB (the old export was 626 rows, ~150 KB; this leaves room for years). */
  readonly maxBytes?: number;
  /** For a URL: the whole download, headers and body. Default 60 s. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 60_000;

export async function loadManifest(
  source: string,
  options: LoadManifestOptions = {},
): Promise<ParsedManifest> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = /^https?:\/\//i.test(source)
    ? await download(source, maxBytes, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.signal)
    : await readLocal(source, maxBytes);
  return parseManifest(decodeUtf8(bytes, source));
}

async function readLocal(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ManifestLoadError(`manifest ${path} is not a file`);
    if (info.size > maxBytes) throw tooLarge(path, maxBytes);
    return await readFile(path);
  } catch (error) {
    if (error instanceof ManifestLoadError) throw error;
    throw new ManifestLoadError(`cannot read manifest ${path}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function download(
  url: string,
  maxBytes: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
  try {
    const response = await fetch(url, { signal: combined, redirect: "follow" });
    if (!response.ok) {
      await response.body?.cancel();
      throw new ManifestLoadError(`cannot download manifest ${url}: HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get("content-length") ?? Number.NaN);
    if (declared > maxBytes) {
      await response.body?.cancel();
      throw tooLarge(url, maxBytes);
    }
    return await readCapped(response, url, maxBytes);
  } catch (error) {
    if (error instanceof ManifestLoadError) throw error;
    const reason = timeout.aborted ? `no complete answer within ${timeoutMs} ms` : (error as Error).message;
    throw new ManifestLoadError(`cannot download manifest ${url}: ${reason}`, { cause: error });
  }
}

async function readCapped(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

function decodeUtf8(bytes: Uint8Array, source: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ManifestLoadError(`manifest ${source} is not UTF-8 text`);
  }
}

function tooLarge(source: string, maxBytes: number): ManifestLoadError {
  return new ManifestLoadError(`manifest ${source} is larger than the ${maxBytes}-byte limit`);
}
