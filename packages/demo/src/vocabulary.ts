/**
 * Message shapes the logs draw their chatter from. Each level has a list ranked by how common the shape
 * is; draws follow a Zipf law over the ranks, so a few shapes dominate and the tail shows up now and then,
 * as in the real logs. The variable parts (ids, sizes, addresses, error codes) are filled per line.
 */
import type { LogSite, LogWriter } from "./log-writer.js";
import { type Rng, ZipfSampler } from "./rng.js";
import type { ClientPlatform } from "./users.js";

export interface ChatterContext {
  readonly rng: Rng;
  /** The video frame being handled now (60 a second since the stream started). */
  frame: number;
  readonly platform: ClientPlatform;
  readonly serverIp: string;
  readonly clientIp: string;
}

export interface MessageShape {
  readonly at: LogSite;
  readonly text: (c: ChatterContext) => string;
  /** Further lines of a multi-line message, printed without the logger prefix (continuation lines). */
  readonly more?: (c: ChatterContext) => readonly string[];
}

export const shape = (
  at: LogSite,
  text: (c: ChatterContext) => string,
  more?: (c: ChatterContext) => readonly string[],
): MessageShape => (more === undefined ? { at, text } : { at, text, more });

/** Draws shapes from a ranked list with Zipf weights. */
export class ShapeSampler {
  private readonly zipf: ZipfSampler;

  constructor(
    private readonly shapes: readonly MessageShape[],
    exponent = 1.1,
  ) {
    this.zipf = new ZipfSampler(shapes.length, exponent);
  }

  sample(rng: Rng): MessageShape {
    return this.shapes[this.zipf.sample(rng)] as MessageShape;
  }
}

export function writeShape(w: LogWriter, t: number, s: MessageShape, c: ChatterContext): void {
  w.write(t, s.at, s.text(c));
  if (s.more !== undefined) for (const line of s.more(c)) w.raw(line);
}

/** A socket error code as the platform reports it (WSA codes on Windows, errno elsewhere). */
export function socketErrorCode(c: ChatterContext): number {
  if (c.platform === "windows") return c.rng.pick([10054, 10060, 10035, 10040, 10065]);
  return c.platform === "macos" ? c.rng.pick([54, 60, 35, 40, 65]) : c.rng.pick([104, 110, 11, 90, 113]);
}

/** A packet index within a frame (large frames span ~100 packets of 1,340 bytes). */
export const packetIndex = (c: ChatterContext): number => c.rng.int(0, 120);

/** Hex address in a backtrace. */
export const hexAddress = (rng: Rng, base: number): string =>
  `0x${(base + rng.int(0, 0xfffff)).toString(16).padStart(16, "0")}`;
