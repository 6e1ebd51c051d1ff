/**
 * One row of the raw log viewer: an entry's line (line number, side, clock time, level, source, message)
 * and its continuation lines indented under the message. All log text is rendered as React text nodes;
 * search matches are split out and wrapped in <mark>, never turned into HTML.
 */
import { memo, type Ref } from "react";
import type { RawEntry, TextLine } from "../../api/types.js";
import { dayMarker, formatClock } from "./clock.js";
import { splitHighlights } from "./highlight.js";
import { levelTone } from "./levels.js";

/** The height of one line of log text (px); rows without continuation lines are exactly this tall. */
export const LINE_HEIGHT = 20;

/** Text with the search matches marked. */
export function Highlighted({ text, needle }: { text: string; needle: string }) {
  if (needle === "") return text;
  const pieces = splitHighlights(text, needle);
  if (pieces.length === 1 && !pieces[0]?.match) return text;
  let at = 0;
  return pieces.map((piece) => {
    const key = at;
    at += piece.text.length;
    return piece.match ? <mark key={key}>{piece.text}</mark> : <span key={key}>{piece.text}</span>;
  });
}

function Time({ seconds }: { seconds: number }) {
  const { clock, day } = formatClock(seconds);
  const marker = dayMarker(day);
  return (
    <span className="rawlog-time">
      {clock}
      {marker ? (
        <span className="rawlog-day" title={`Day ${day + 1} of the session (after midnight UTC)`}>
          {marker}
        </span>
      ) : null}
    </span>
  );
}

function Level({ level }: { level: string }) {
  if (level === "FATAL_ERROR") {
    return (
      <span className="rawlog-level">
        <abbr title="FATAL_ERROR">FATAL</abbr>
      </span>
    );
  }
  return <span className="rawlog-level">{level}</span>;
}

interface EntryRowProps {
  entry: RawEntry;
  index: number;
  needle: string;
  showSide: boolean;
  flash: boolean;
  /** Given for rows whose height is not known in advance (continuation lines, wrapped text). */
  measureRef?: Ref<HTMLDivElement>;
}

export const EntryRow = memo(function EntryRow({
  entry,
  index,
  needle,
  showSide,
  flash,
  measureRef,
}: EntryRowProps) {
  const tone = levelTone(entry.level);
  return (
    <div
      ref={measureRef}
      className="rawlog-row"
      data-index={index}
      data-time={entry.time}
      data-tone={tone}
      data-level={entry.level}
      data-flash={flash || undefined}
    >
      <div className="rawlog-line">
        <span className="rawlog-ln">{entry.lineNumber}</span>
        {showSide ? (
          <span className="rawlog-side" data-side={entry.side}>
            {entry.side}
          </span>
        ) : null}
        <Time seconds={entry.time} />
        <Level level={entry.level} />
        <span className="rawlog-src" title={`${entry.file} · ${entry.func}:${entry.sourceLine}`}>
          {entry.func}:{entry.sourceLine}
        </span>
        <span className="rawlog-msg">
          <Highlighted text={entry.message} needle={needle} />
        </span>
      </div>
      {entry.continuation.map((line) => (
        <div className="rawlog-line is-cont" key={line.lineNumber}>
          <span className="rawlog-ln">{line.lineNumber}</span>
          <span className="rawlog-msg">
            <Highlighted text={line.text} needle={needle} />
          </span>
        </div>
      ))}
    </div>
  );
});

/** A row whose page is still on its way: a placeholder of the same height. */
export const GhostRow = memo(function GhostRow({ index }: { index: number }) {
  // Varied widths read as text; the same index always gets the same width (no flicker on re-render).
  const width = 30 + ((index * 37) % 55);
  return (
    <div className="rawlog-row is-ghost" data-index={index}>
      <div className="rawlog-line">
        <span className="rawlog-ghost rawlog-ghost-ln" />
        <span className="rawlog-ghost" style={{ width: `${width}%` }} />
      </div>
    </div>
  );
});

export interface PreambleLine extends TextLine {
  side: "client" | "server";
}

/** The lines before a log's first entry (a banner, a truncated start): shown as they are, at the top. */
export function PreambleRow({
  lines,
  showSide,
  noEntries,
  measureRef,
}: {
  lines: readonly PreambleLine[];
  /** The file has no entry at all (it is not a log): the lines are all there is. */
  noEntries: boolean;
  showSide: boolean;
  measureRef: Ref<HTMLDivElement>;
}) {
  return (
    <div ref={measureRef} className="rawlog-row is-preamble" data-index={0}>
      <div className="rawlog-preamble-title">
        {lines.length === 1 ? "1 line" : `${lines.length} lines`}
        {noEntries ? ", none of them a log entry," : " before the first entry,"} shown as written
      </div>
      {lines.map((line) => (
        <div className="rawlog-line is-pre" key={`${line.side}-${line.lineNumber}`}>
          <span className="rawlog-ln">{line.lineNumber}</span>
          {showSide ? (
            <span className="rawlog-side" data-side={line.side}>
              {line.side}
            </span>
          ) : null}
          <span className="rawlog-msg">{line.text}</span>
        </div>
      ))}
    </div>
  );
}
