/**
 * What happens on the wire during one session, shared by both of its logs: congestion episodes and the
 * client's pings with their round trips. Both sides regenerate it from the same keyed stream, so when the
 * client's latency spikes the server's log shows the relays and backlog at the same moment.
 */
import type { DemoSession } from "./log-spec.js";
import { createRng, type Rng } from "./rng.js";

/** Session seconds of the first ping: the client pings once its init message arrived. */
export const FIRST_PING_AT = 1.2;
export const PING_PERIOD = 0.5;

export interface Episode {
  readonly from: number;
  readonly to: number;
  /** Multiplies round trips and loss while it lasts. */
  readonly factor: number;
}

/** Congestion episodes over the session: every few minutes on good networks, every minute on poor ones. */
export class Congestion {
  readonly episodes: readonly Episode[];
  private cursor = 0;

  constructor(session: DemoSession) {
    const rng = createRng(session.seed, session.connectionId, "congestion");
    const meanGap = session.poorNetwork ? 60 : 240;
    const episodes: Episode[] = [];
    for (
      let t = rng.exponential(1 / meanGap);
      t < session.durationSeconds;
      t += rng.exponential(1 / meanGap)
    ) {
      const length = rng.uniform(4, 25);
      episodes.push({ from: t, to: t + length, factor: rng.uniform(2, 5) });
      t += length;
    }
    this.episodes = episodes;
  }

  /** The factor at `t` (1 outside episodes). Fast for increasing `t`, correct for any. */
  factorAt(t: number): number {
    // The cursor is the first episode not over by the last query; queries come nearly in time order.
    while (this.cursor > 0 && (this.episodes[this.cursor - 1] as Episode).to > t) this.cursor--;
    let e = this.episodes[this.cursor];
    while (e !== undefined && e.to <= t) e = this.episodes[++this.cursor];
    return e !== undefined && e.from <= t ? e.factor : 1;
  }
}

export interface Ping {
  readonly id: number;
  /** Session second the client sent it. */
  readonly sentAt: number;
  /** Round trip in seconds, or null when the reply never came. */
  readonly roundTrip: number | null;
}

/** The client's pings, every half second from FIRST_PING_AT until the session ends. */
export class PingSchedule {
  private readonly rng: Rng;
  private id = 0;

  constructor(
    private readonly session: DemoSession,
    private readonly congestion: Congestion,
  ) {
    this.rng = createRng(session.seed, session.connectionId, "pings");
  }

  /** The next ping, or undefined after the session's end. */
  next(): Ping | undefined {
    const sentAt = FIRST_PING_AT + this.id * PING_PERIOD + this.rng.next() * 0.004;
    this.id++;
    const jitter = this.rng.lognormal(1, this.session.poorNetwork ? 0.3 : 0.16);
    const spike = this.rng.next() < 0.004 ? this.rng.uniform(3, 8) : 1;
    const lost = this.rng.next() < (this.session.poorNetwork ? 0.02 : 0.0015);
    if (sentAt >= this.session.durationSeconds) return undefined;
    const factor = this.congestion.factorAt(sentAt);
    const roundTrip = this.session.quality.latencySeconds * jitter * spike * factor;
    return { id: this.id, sentAt, roundTrip: lost ? null : roundTrip };
  }
}
