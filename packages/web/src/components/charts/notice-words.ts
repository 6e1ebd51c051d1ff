/**
 * What the place of a log's charts says when the log has no data: which log, why, and what is lost.
 * Pure, so each case is unit-tested; the wording matches the log cards (format/log-status.ts).
 */
import type { LogStatus } from "../../api/types.js";
import type { TickSide } from "./ticks.js";

export interface NoticeWords {
  readonly title: string;
  readonly body: string;
  readonly tone: "muted" | "error" | "warning" | "info";
}

const LOG: Record<TickSide, string> = { client: "client log", server: "server log" };
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "latency and decode time" (or "latency or decode time" after a "no"). */
export function joinNouns(nouns: readonly string[], conjunction: "and" | "or" = "and"): string {
  if (nouns.length <= 1) return nouns[0] ?? "";
  return `${nouns.slice(0, -1).join(", ")} ${conjunction} ${nouns[nouns.length - 1]}`;
}

/** `null` for a log whose charts can be drawn (ok). */
export function noticeWords(
  side: TickSide,
  status: LogStatus,
  nouns: readonly string[],
  lastError: string | null,
): NoticeWords | null {
  const log = LOG[side];
  const lost = `so there is no ${joinNouns(nouns, "or")} to chart`;
  const reason = lastError ? ` (${lastError})` : "";
  switch (status) {
    case "ok":
      return null;
    case "not_recorded":
      return {
        title: `No ${log} was uploaded`,
        body: `This session has no ${log}, ${lost}.`,
        tone: "muted",
      };
    case "missing":
      return {
        title: `${capital(log)} missing at the source`,
        body: `Its URL has no file${reason}, ${lost}.`,
        tone: "error",
      };
    case "unavailable":
      return {
        title: `${capital(log)} temporarily unavailable`,
        body: `The source did not answer${reason}, ${lost} yet. Loupe retries on its own; you can also retry now.`,
        tone: "warning",
      };
    case "invalid":
      return {
        title: `The ${log} is not a log file`,
        body: `It is empty, or no line in it parses, ${lost}.`,
        tone: "error",
      };
    case "pending":
      return {
        title: `${capital(log)} is being ingested`,
        body: `It is fetched and parsed in the background; its ${joinNouns(nouns)} appear here when it is done.`,
        tone: "info",
      };
  }
}
