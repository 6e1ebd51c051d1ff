/**
 * A tiny discrete-event loop: each stream of lines (pings, decode averages, chatter…) knows when it fires
 * next; the loop always fires the earliest, so the log comes out in time order without sorting anything.
 */
import type { Rng } from "./rng.js";

export interface LineStream {
  /** Session second of the next firing; Infinity when done. */
  next: number;
  /** Writes the stream's line(s) for `next` and moves `next` forward. */
  fire(): void;
}

/** Fires streams in time order until every stream's next firing is at or after `until`. */
export function runStreams(streams: readonly LineStream[], until: number): void {
  for (;;) {
    let earliest: LineStream | undefined;
    // Starting from Infinity, not `until` (often an integer), keeps earliestTime an unboxed double in V8:
    // a mix of integer and double allocated a heap number for every stream found earlier.
    let earliestTime = Number.POSITIVE_INFINITY;
    for (const s of streams) {
      if (s.next < earliestTime) {
        earliest = s;
        earliestTime = s.next;
      }
    }
    if (earliest === undefined || !(earliestTime < until)) return;
    earliest.fire();
    if (!(earliest.next > earliestTime)) throw new Error("a line stream did not move forward");
  }
}

/** Fires every `period` seconds (plus a little timer jitter) from `start`. */
export function periodicStream(
  rng: Rng,
  start: number,
  period: number,
  jitter: number,
  write: (t: number) => void,
): LineStream {
  let tick = start;
  const stream: LineStream = {
    next: start,
    fire() {
      write(stream.next);
      tick += period;
      stream.next = tick + rng.next() * jitter;
    },
  };
  return stream;
}

/**
 * Fires as a Poisson process whose rate (events per second) may change over time; rate 0 pauses it
 * (re-checked every `idleStep` seconds).
 */
export function poissonStream(
  rng: Rng,
  start: number,
  rateAt: (t: number) => number,
  write: (t: number) => void,
  idleStep = 5,
): LineStream {
  const after = (t: number): number => {
    const rate = rateAt(t);
    return rate > 0 ? t + rng.exponential(rate) : t + idleStep;
  };
  const stream: LineStream = {
    next: after(start),
    fire() {
      const t = stream.next;
      if (rateAt(t) > 0) write(t);
      stream.next = after(t);
    },
  };
  return stream;
}

/** A line (or lines) due at a moment, written by `write(t)`. */
export interface LaterStep {
  readonly at: number;
  readonly write: (t: number) => void;
}

/**
 * One-off steps scheduled by other streams: the later parts of an operation that takes a while (an
 * encoder being created), so that what other threads log meanwhile comes out in between, in time order.
 */
export class LaterSteps implements LineStream {
  next = Number.POSITIVE_INFINITY;
  private readonly pending: LaterStep[] = [];

  schedule(step: LaterStep): void {
    this.pending.push(step);
    this.pending.sort((a, b) => a.at - b.at);
    this.next = (this.pending[0] as LaterStep).at;
  }

  fire(): void {
    const step = this.pending.shift() as LaterStep;
    step.write(step.at);
    const following = this.pending[0];
    // Steps due at the same moment are written a microsecond apart, so the loop always moves forward.
    this.next = following === undefined ? Number.POSITIVE_INFINITY : Math.max(following.at, step.at + 1e-6);
  }
}
