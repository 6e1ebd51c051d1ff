/**
 * Reads a file (or standard input for "-") as a sequence of byte chunks with one reused buffer, so a 1 GB
 * log costs a few megabytes of memory however big it is.
 */
import { closeSync, openSync, readSync } from "node:fs";

const CHUNK_BYTES = 4 << 20;

export class InputError extends Error {}

/** Calls `onChunk` for each chunk; the chunk is only valid during the call (its buffer is reused). */
export async function readChunks(path: string, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  if (path === "-") {
    for await (const chunk of process.stdin) onChunk(chunk as Uint8Array);
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  try {
    const buffer = new Uint8Array(CHUNK_BYTES);
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      } catch (error) {
        throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
      }
      if (n === 0) break;
      onChunk(buffer.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory";
  if (code === "EACCES") return "permission denied";
  return (error as Error).message;
}
