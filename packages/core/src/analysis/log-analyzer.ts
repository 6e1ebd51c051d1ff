/**
 * One pass over one log's bytes → everything Loupe stores about it: counts per level, continuation and
 * unparsed lines, the metric series, their statistics, time span and error patterns.
 *
 * Streaming: feed chunks with push() as they arrive (split anywhere) and call finish(). Memory is bounded by
 * the metric points (16 bytes each) and the distinct error patterns, never by the size of the file.
 */

import { matchMetricLine, newMetricMatch } from "../metrics/metric-line.js";
import { ALL_METRIC_NAMES, type AnyMetricName, METRIC_DEFINITIONS } from "../metrics/metric-names.js";
import { SeriesBuffer } from "../metrics/series-buffer.js";
import type { EntryHeader } from "../parser/entry-header.js";
import { isErrorLevel, isWarningLevel, LevelTable } from "../parser/level-table.js";
import { type LineVisitor, LogLineStream } from "../parser/log-line-stream.js";
import { decodeText } from "../parser/text.js";
import { isProblemLevel, PatternCounter } from "../patterns/index.js";
import { describeValues, type SeriesStats } from "../stats/describe.js";
import type { LogAnalysis, Series } from "./log-analysis.js";

export class LogAnalyzer implements LineVisitor {
  private readonly stream = new LogLineStream(this);
  private readonly levels = new LevelTable();
  /** Per level id: is it an error / a warning / worth a pattern (cached so the hot loop compares numbers). */
  private readonly levelKinds: number[] = [];
  private readonly series = METRIC_DEFINITIONS.map(() => new SeriesBuffer());
  private readonly metric = newMetricMatch();
  private readonly patterns = new PatternCounter();
  private invalidValues = 0;
  private errors = 0;
  private warnings = 0;
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
    const series = {} as Record<AnyMetricName, Series>;
    const stats = {} as Record<AnyMetricName, SeriesStats | null>;
    ALL_METRIC_NAMES.forEach((name, i) => {
      const buffer = this.series[i] as SeriesBuffer;
      series[name] = { t: buffer.t, v: buffer.v };
      stats[name] = describeValues(buffer.v);
    });
    const hasTime = s.entries > 0;
    return {
      bytes: s.bytes,
      lines: s.lineCount,
      blankLines: s.blankLines,
      entries: s.entries,
      continuationLines: s.continuationLines,
      unparsedLines: s.unparsedLines,
      invalidValues: this.invalidValues,
      levels: this.levels.toRecord(),
      errors: this.errors,
      warnings: this.warnings,
      firstTime: hasTime ? this.firstTime : null,
      lastTime: hasTime ? this.lastTime : null,
      latestTime: hasTime ? this.maxTime : null,
      durationSeconds: hasTime ? this.maxTime - this.firstTime : null,
      series,
      stats,
      patterns: this.patterns.all(),
    };
  }

  entry(buf: Uint8Array, h: EntryHeader, time: number): void {
    if (this.stream.entries === 1) this.firstTime = time;
    this.lastTime = time;
    if (!(time <= this.maxTime)) this.maxTime = time;

    const levelId = this.levels.count(buf, h.levelStart, h.levelEnd);
    let kind = this.levelKinds[levelId];
    if (kind === undefined) kind = this.classifyLevel(levelId);
    if (kind !== KIND_PLAIN) {
      if (kind === KIND_ERROR) this.errors++;
      else if (kind === KIND_WARNING) this.warnings++;
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

  private classifyLevel(levelId: number): number {
    const name = this.levels.name(levelId);
    let kind = KIND_PLAIN;
    if (isErrorLevel(name)) kind = KIND_ERROR;
    else if (isWarningLevel(name)) kind = KIND_WARNING;
    else if (isProblemLevel(name)) kind = KIND_OTHER_PROBLEM;
    this.levelKinds[levelId] = kind;
    return kind;
  }
}

const KIND_PLAIN = 0;
const KIND_ERROR = 1;
const KIND_WARNING = 2;
const KIND_OTHER_PROBLEM = 3;

/** Analyses a whole log held in memory (tests, small files). Big files: stream through LogAnalyzer. */
export function analyzeLog(bytes: Uint8Array): LogAnalysis {
  return new LogAnalyzer().push(bytes).finish();
}
