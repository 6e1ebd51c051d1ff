/** How each log status is said: the badge's word, the sentence where the data would be, and its tone. */
import type { LogStatus } from "../api/types.js";

export type Tone = "ok" | "info" | "error" | "warning" | "muted";

export interface StatusWords {
  /** In the badge (short). */
  readonly label: string;
  /** Where the log's data would be: says plainly what happened. */
  readonly reason: string;
  readonly tone: Tone;
}

export const STATUS_WORDS: Record<LogStatus, StatusWords> = {
  ok: { label: "ok", reason: "Ingested", tone: "ok" },
  pending: { label: "ingesting", reason: "Being fetched and parsed; this takes seconds", tone: "info" },
  missing: { label: "missing", reason: "Missing at the source: the log's URL has no file", tone: "error" },
  unavailable: {
    label: "unavailable",
    reason: "Temporarily unavailable: the source did not answer; Loupe retries on its own",
    tone: "warning",
  },
  invalid: { label: "not a log", reason: "Not a log file: it is empty, or no line parses", tone: "error" },
  not_recorded: {
    label: "not uploaded",
    reason: "Not uploaded: this session has no such log",
    tone: "muted",
  },
};

export type Side = "client" | "server";
export const SIDE_NAME: Record<Side, string> = { client: "Client log", server: "Server log" };

/** What a screen reader hears for a badge: "Server log: missing at the source". */
export function statusAccessibleText(side: Side, status: LogStatus): string {
  const { reason } = STATUS_WORDS[status];
  const short = reason.split(":")[0]?.split(";")[0] ?? reason;
  return `${SIDE_NAME[side]}: ${short.toLowerCase()}`;
}
