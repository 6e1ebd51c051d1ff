/**
 * One pass over one log's bytes → everything Loupe stores about it: counts per level, continuation and
 * unparsed lines, the metric series, their statistics, time span and error patterns.
 *
 * Streaming: feed chunks with push() as they arrive (split anywhere) and call finish(). Memory is bounded by
 * the metric points (16 bytes each) and the distinct error patterns, never by the size of the file.
 */

import { matchMetricLine, newMetricMatch } from "../metrics/metric-line.js";
import { METRIC_DEFINITIONS } from "../metrics/metric-names.js";
import { SeriesBuffer } from "../metrics/series-buffer.js";
import type { EntryHeader } from "../parser/entry-header.js";
import { LevelTable } from "../parser/level-table.js";
import { type LineVisitor, LogLineStream } from "../parser/log-line-stream.js";
import { decodeText } from "../parser/text.js";
import { PatternCounter } from "../patterns/index.js";
import { assembleLogAnalysis } from "./assemble-log-analysis.js";
import { LevelKind, levelKindOf } from "./level-kind.js";
import type { LogAnalysis } from "./log-analysis.js";

export class LogAnalyzer implements LineVisitor {
  private readonly stream = new LogLineStream(this);
  private readonly levels = new LevelTable();
  /** Per level id: its LevelKind (cached so the hot loop compares numbers). */
  private readonly levelKinds: LevelKind[] = [];
  private readonly series = METRIC_DEFINITIONS.map(() => new SeriesBuffer());
  private readonly metric = newMetricMatch();
  private readonly patterns = new PatternCounter();
  private invalidValues = 0;
  private firstTime = Number.NaN;
  private lastTime = Number.NaN;
  private maxTime = Number.NaN;

  push(chunk: Uint8Array): this {
    this.stream.push(chunk);
    return this;
  }

  finish(): LogAnalysis {
    this.stream.end();
    const s = this.stream;
    return assembleLogAnalysis({
      bytes: s.bytes,
      lines: s.lineCount,
      blankLines: s.blankLines,
      entries: s.entries,
      continuationLines: s.continuationLines,
      unparsedLines: s.unparsedLines,
      invalidValues: this.invalidValues,
      levels: this.levels,
      series: this.series,
      patterns: this.patterns,
      firstTime: this.firstTime,
      lastTime: this.lastTime,
      latestTime: this.maxTime,
    });
  }

  entry(buf: Uint8Array, h: EntryHeader, time: number): void {
    if (this.stream.entries === 1) this.firstTime = time;
    this.lastTime = time;
    if (!(time <= this.maxTime)) this.maxTime = time;

    const levelId = this.levels.count(buf, h.levelStart, h.levelEnd);
    let kind = this.levelKinds[levelId];
    if (kind === undefined) {
      kind = levelKindOf(this.levels.name(levelId));
      this.levelKinds[levelId] = kind;
    }
    if (kind !== LevelKind.plain) {
      const message = decodeText(buf, h.messageStart, h.messageEnd);
      this.patterns.add(this.levels.name(levelId), message, time);
    }

    const m = this.metric;
    if (matchMetricLine(buf, h.messageStart, h.messageEnd, m)) {
      if (Number.isNaN(m.value)) this.invalidValues++;
      else (this.series[m.definition] as SeriesBuffer).push(time, m.value);
    }
  }

  continuation(): void {}

  unparsed(): void {}
}

/** Analyses a whole log held in memory (tests, small files). Big files: stream through LogAnalyzer. */
export function analyzeLog(bytes: Uint8Array): LogAnalysis {
  return new LogAnalyzer().push(bytes).finish();
}
