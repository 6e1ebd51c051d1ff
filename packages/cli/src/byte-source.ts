/**
 * Reads a file (or standard input for "-") into the consumer's own buffer, a few megabytes at a time, so a
 * 1 GB log costs a few megabytes of memory however big it is.
 */
import { closeSync, openSync, readSync } from "node:fs";

const CHUNK_BYTES = 4 << 20;

export class InputError extends Error {}

/** A consumer with its own buffer: it calls `read(target)`, which returns the bytes written (0 at the end). */
export type BufferFiller = (read: (target: Uint8Array) => number) => number;

/**
 * Reads a file (or standard input) by handing `fill` a reader: a consumer with its own buffer (the
 * WebAssembly analyzer) gets the bytes there directly.
 */
export async function readInto(path: string, fill: BufferFiller): Promise<void> {
  if (path === "-") {
    for await (const chunk of process.stdin) {
      const bytes = chunk as Uint8Array;
      let offset = 0;
      while (offset < bytes.length) {
        offset += fill((target) => {
          const take = Math.min(target.length, bytes.length - offset);
          target.set(bytes.subarray(offset, offset + take));
          return take;
        });
      }
    }
    return;
  }
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  try {
    const readFile = (target: Uint8Array): number => {
      try {
        return readSync(fd, target, 0, Math.min(target.length, CHUNK_BYTES), null);
      } catch (error) {
        throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
      }
    };
    while (fill(readFile) > 0) {}
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
