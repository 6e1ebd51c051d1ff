/**
 * Reads a file into the consumer's own buffer (the WebAssembly analyzer's: no copy), a few megabytes at a
 * time, so a 1 GB log costs a few megabytes of memory however big it is; or standard input as it comes.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const CHUNK_BYTES = 4 << 20;

export class InputError extends Error {}

/** A consumer with its own buffer: it calls `read(target)`, which returns the bytes written (0 at the end). */
export type BufferFiller = (read: (target: Uint8Array) => number) => number;

/** Standard input, chunk by chunk as it arrives. */
export async function readStdin(onChunk: (chunk: Uint8Array) => void): Promise<void> {
  for await (const chunk of process.stdin) onChunk(chunk as Uint8Array);
}

/** An open file read by position, so that two threads can each read their own part. */
export interface InputFile {
  readonly size: number;
  /** Reads [from, to) (to the end if `to` is past it) into `fill`'s buffer. */
  readRange(from: number, to: number, fill: BufferFiller): void;
  /** The offset just after the first `\n` at or after `offset`, or -1 when there is none. */
  lineStartAfter(offset: number): number;
}

export function withInputFile<T>(path: string, use: (file: InputFile) => T): T {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
  }
  const read = (target: Uint8Array, length: number, position: number): number => {
    try {
      return readSync(fd, target, 0, Math.min(target.length, length, CHUNK_BYTES), position);
    } catch (error) {
      throw new InputError(`cannot read ${path}: ${describeFsError(error)}`);
    }
  };
  try {
    return use({
      size: fstatSync(fd).size,
      readRange(from, to, fill) {
        let position = from;
        for (;;) {
          const n = fill((target) => read(target, to - position, position));
          if (n <= 0) return;
          position += n;
        }
      },
      lineStartAfter(offset) {
        const window = new Uint8Array(64 << 10);
        for (let position = offset; ; position += window.length) {
          const n = read(window, window.length, position);
          if (n <= 0) return -1;
          const nl = window.subarray(0, n).indexOf(0x0a);
          if (nl >= 0) return position + nl + 1;
        }
      },
    });
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
