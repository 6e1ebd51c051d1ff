/**
 * What the demo knows about each session and each log object: enough to generate the log's bytes on
 * demand (the bucket stores nothing), and the ground truth that tests compare Loupe's insights against.
 */
import type { DemoVersion } from "./calendar.js";
import type { ClientPlatform } from "./users.js";

export type LogSide = "client" | "server";

/**
 * What the bucket holds under the object's name: a log, nothing (404), or something that is not a log.
 * `truncated` logs are real logs cut short at an arbitrary byte, as an interrupted upload leaves them.
 */
export type DemoObjectContent = "log" | "truncated" | "missing" | "empty" | "html" | "binary";

/** Medians the session's metric lines scatter around, in the units the protocol logs. */
export interface SessionQuality {
  /** Network round trip, seconds. */
  readonly latencySeconds: number;
  /** Client decode time per frame, seconds. */
  readonly decodeSeconds: number;
  /** Server encode time per frame, seconds. */
  readonly encodeSeconds: number;
  /** Server encoded bytes per frame. */
  readonly encodeBytes: number;
  /** Multiplier of the WARNING/ERROR rates: 1 ≈ typical, 4–7 on poor networks. */
  readonly problemRate: number;
  /** Multiplier of packet-loss chatter (NACKs, relays). */
  readonly packetLoss: number;
}

/** One streaming session: the truth both of its logs are generated from. */
export interface DemoSession {
  readonly seed: number;
  readonly connectionId: number;
  /** The user's address, also when the export lost it (`username` null in the manifest). */
  readonly userEmail: string;
  readonly username: string | null;
  readonly serverIp: string;
  readonly clientIp: string;
  readonly version: DemoVersion | null;
  readonly clientPlatform: ClientPlatform;
  /** When the client connected (UTC ms); both logs start a little before. */
  readonly startMs: number;
  /** From connection to the quit (or crash). */
  readonly durationSeconds: number;
  readonly quality: SessionQuality;
  /** Planted effect (b). */
  readonly poorNetwork: boolean;
  /** Planted effect (a): this session runs the build with the slow encoder. */
  readonly encodeRegression: boolean;
  /** Planted effect (c): the server logs the late-version encoder allocation error. */
  readonly lateEncoderError: boolean;
  /** The hardware decoder failed and the client decodes in software (slower). */
  readonly softwareDecoder: boolean;
  /** The client dies with FATAL_ERROR and a backtrace instead of shutting down. */
  readonly clientCrash: boolean;
  /** Server clock minus client clock, seconds (the VMs' clocks are not perfectly in sync). */
  readonly serverClockSkew: number;
}

export interface DemoLogSpec {
  readonly objectName: string;
  readonly side: LogSide;
  readonly session: DemoSession;
  readonly content: DemoObjectContent;
  readonly platform: ClientPlatform;
  /** 6 on Linux/macOS builds, 3 on Windows builds. */
  readonly fracDigits: 3 | 6;
  readonly lineEnding: "\n" | "\r\n";
  /** First line of the log (UTC ms). */
  readonly startMs: number;
  /** Last line of the log (UTC ms), before any truncation. */
  readonly endMs: number;
  /** When the object was uploaded: the bucket's Last-Modified. */
  readonly uploadedMs: number;
  readonly faults: DemoLogFaults;
}

/** Per-log quirks on top of the session's behaviour. */
export interface DemoLogFaults {
  /** How many metric values are written as `nan` / `-nan(ind)` / `inf`. */
  readonly invalidValues: number;
  /** Client: a first attempt failed to connect and the client was restarted (as in the real client log). */
  readonly failedFirstAttempt: boolean;
  /** Server: how many times the VM waited for a client that did not come before this session. */
  readonly waitCycles: number;
  /** A UTF-8 byte-order mark opens the file (some Windows builds). */
  readonly byteOrderMark: boolean;
  /** The build writes `HH:MM:SS.FRAC` instead of `HH:MM:SS:FRAC`. */
  readonly dottedFraction: boolean;
  /** A Windows path with a Latin-1 (invalid UTF-8) byte appears in one line. */
  readonly latin1Byte: boolean;
  /** For `truncated` content: the share of the bytes that were uploaded. */
  readonly keptFraction: number;
}
