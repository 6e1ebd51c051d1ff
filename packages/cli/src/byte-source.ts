/**
 * Reads a file (or standard input for "-") into the consumer's own buffer, a few megabytes at a time, so a
 * 1 GB log costs a few megabytes of memory however big it is.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

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
  withInputFile(path, (file) => file.readRange(0, Number.POSITIVE_INFINITY, fill));
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
