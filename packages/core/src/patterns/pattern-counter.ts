import { maskMessage } from "./mask-message.js";
import { patternId } from "./pattern-id.js";
import { truncateText } from "./truncate-text.js";

/** One error pattern as the dashboard shows it. */
export interface PatternStats {
  /** `patternId(template)`: shared by the same template at different levels, so key rows by (level, id). */
  readonly id: string;
  readonly template: string;
  readonly level: string;
  readonly count: number;
  /**
   * A raw message of this pattern, cut to `MAX_EXAMPLE_LENGTH`: the one with the earliest time, or the
   * first counted when times are equal or missing. Going by time makes merged counters agree with one
   * counter fed the same messages.
   */
  readonly example: string;
  /** Earliest and latest time given to `add`, in seconds; null when no time was given. */
  readonly firstTime: number | null;
  readonly lastTime: number | null;
}

export interface PatternCounterOptions {
  /** Distinct (level, template) pairs kept before further ones are counted as `<other>`; default 10,000. */
  readonly maxPatterns?: number;
}

/** An adversarial log (every message unique) must not grow memory without bound. */
export const DEFAULT_MAX_PATTERNS = 10_000;
/** Template of the bucket that counts messages of patterns beyond the cap, one bucket per level. */
export const OTHER_TEMPLATE = "<other>";
export const MAX_EXAMPLE_LENGTH = 500;
/** A 64 KB message makes a 64 KB template; the first thousand characters identify the pattern enough. */
export const MAX_TEMPLATE_LENGTH = 1000;
/** Distinct messages whose template is remembered (see #templateOf). */
const TEMPLATE_CACHE_SIZE = 4096;
/** Levels are few in practice; past this many, overflow of further levels goes to one `<other>` level. */
const MAX_OVERFLOW_LEVELS = 32;

type MutablePattern = { -readonly [K in keyof PatternStats]: PatternStats[K] };
/** What one `add`, or one pattern of a merged counter, contributes. */
type Sighting = Pick<PatternStats, "count" | "example" | "firstTime" | "lastTime">;

function validTime(time: number | null | undefined): number | null {
  return typeof time === "number" && Number.isFinite(time) ? time : null;
}

function earlier(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.min(a, b);
}

function later(a: number | null, b: number | null): number | null {
  return a === null ? b : b === null ? a : Math.max(a, b);
}

/** Count desc, then template and level in code-unit order: the same input always gives the same list. */
function byCountThenTemplate(a: PatternStats, b: PatternStats): number {
  if (a.count !== b.count) return b.count - a.count;
  if (a.template !== b.template) return a.template < b.template ? -1 : 1;
  return a.level < b.level ? -1 : a.level > b.level ? 1 : 0;
}

/**
 * Counts messages per (level, template). Which levels to count is the caller's decision (see
 * `isProblemLevel`). Counters of parts of a log, or of many logs, combine with `merge`.
 */
export class PatternCounter {
  readonly #maxPatterns: number;
  /** level → template → pattern; nested maps so that no string joining can make two keys collide. */
  readonly #patterns = new Map<string, Map<string, MutablePattern>>();
  #patternCount = 0;
  readonly #overflow = new Map<string, MutablePattern>();
  #overflowCount = 0;
  #totalCount = 0;
  readonly #templates = new Map<string, string>();

  constructor(options: PatternCounterOptions = {}) {
    const cap = options.maxPatterns ?? DEFAULT_MAX_PATTERNS;
    // NaN would compare false against every count and silently lift the cap; Infinity lifts it on purpose.
    this.#maxPatterns = Number.isNaN(cap) ? DEFAULT_MAX_PATTERNS : Math.max(0, Math.floor(cap));
  }

  /** Counts one message; `time` in seconds (e.g. since 00:00 UTC of the log's first day). */
  add(level: string, message: string, time?: number): void {
    const template = this.#templateOf(message);
    const at = validTime(time);
    this.#count(level, template, { count: 1, example: message, firstTime: at, lastTime: at });
  }

  /**
   * Adds every count of `other` into this counter (`other` is unchanged). Patterns that no longer fit
   * under the cap go to `<other>`, so with a full counter the order of merges decides which patterns
   * keep their own row; totals never depend on it.
   */
  merge(other: PatternCounter): this {
    for (const pattern of other.#regularPatterns()) this.#count(pattern.level, pattern.template, pattern);
    for (const bucket of other.#overflow.values()) this.#countOverflow(bucket.level, bucket);
    return this;
  }

  /** The `n` most frequent patterns, `<other>` buckets included. */
  top(n: number): readonly PatternStats[] {
    return this.all().slice(0, Math.max(0, n));
  }

  /** Every pattern and `<other>` bucket, most frequent first. */
  all(): readonly PatternStats[] {
    const snapshot = [...this.#regularPatterns(), ...this.#overflow.values()].map((p) => ({ ...p }));
    return snapshot.sort(byCountThenTemplate);
  }

  /** Messages counted, in all patterns and `<other>` buckets. */
  get totalCount(): number {
    return this.#totalCount;
  }

  /** Messages counted in `<other>` buckets because their pattern came after the cap was reached. */
  get overflowCount(): number {
    return this.#overflowCount;
  }

  /** Distinct patterns kept (not counting `<other>` buckets). */
  get patternCount(): number {
    return this.#patternCount;
  }

  /**
   * Logs repeat the very same message often ("Failed to connect to server"); remembering recent templates
   * spares masking them again. Bounded, and simply forgotten when full.
   */
  #templateOf(message: string): string {
    let template = this.#templates.get(message);
    if (template === undefined) {
      template = truncateText(maskMessage(message), MAX_TEMPLATE_LENGTH);
      if (this.#templates.size >= TEMPLATE_CACHE_SIZE) this.#templates.clear();
      if (message.length <= MAX_TEMPLATE_LENGTH) this.#templates.set(message, template);
    }
    return template;
  }

  *#regularPatterns(): Generator<MutablePattern> {
    for (const byTemplate of this.#patterns.values()) yield* byTemplate.values();
  }

  #count(level: string, template: string, seen: Sighting): void {
    let byTemplate = this.#patterns.get(level);
    let pattern = byTemplate?.get(template);
    if (pattern === undefined) {
      if (this.#patternCount >= this.#maxPatterns) {
        this.#countOverflow(level, seen);
        return;
      }
      if (byTemplate === undefined) {
        byTemplate = new Map();
        this.#patterns.set(level, byTemplate);
      }
      pattern = newPattern(level, template, seen.example);
      byTemplate.set(template, pattern);
      this.#patternCount++;
    }
    absorb(pattern, seen);
    this.#totalCount += seen.count;
  }

  #countOverflow(level: string, seen: Sighting): void {
    const bucketLevel =
      this.#overflow.has(level) || this.#overflow.size < MAX_OVERFLOW_LEVELS ? level : OTHER_TEMPLATE;
    let bucket = this.#overflow.get(bucketLevel);
    if (bucket === undefined) {
      bucket = newPattern(bucketLevel, OTHER_TEMPLATE, seen.example);
      this.#overflow.set(bucketLevel, bucket);
    }
    absorb(bucket, seen);
    this.#overflowCount += seen.count;
    this.#totalCount += seen.count;
  }
}

function newPattern(level: string, template: string, example: string): MutablePattern {
  const truncated = truncateText(example, MAX_EXAMPLE_LENGTH);
  return {
    id: patternId(template),
    template,
    level,
    count: 0,
    example: truncated,
    firstTime: null,
    lastTime: null,
  };
}

/** Adds a count into `pattern`, keeping the earliest example when times say which came first. */
function absorb(pattern: MutablePattern, seen: Sighting): void {
  const seenEarlier =
    seen.firstTime !== null && pattern.firstTime !== null && seen.firstTime < pattern.firstTime;
  if (seenEarlier) pattern.example = truncateText(seen.example, MAX_EXAMPLE_LENGTH);
  pattern.count += seen.count;
  pattern.firstTime = earlier(pattern.firstTime, seen.firstTime);
  pattern.lastTime = later(pattern.lastTime, seen.lastTime);
}
