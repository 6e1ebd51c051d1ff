import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Congestion, FIRST_PING_AT, PING_PERIOD, PingSchedule } from "./network.js";
import { getDemoPlan } from "./plan.js";

const sessions = getDemoPlan({ seed: 4, count: 60 }).connections.map((c) => c.session);

describe("Congestion", () => {
  it("answers like a scan of its episodes, for queries in any order", () => {
    fc.assert(
      fc.property(
        fc.nat(sessions.length - 1),
        fc.array(fc.double({ min: -10, max: 8000, noNaN: true })),
        (i, times) => {
          const congestion = new Congestion(sessions[i] as (typeof sessions)[number]);
          for (const t of times) {
            const episode = congestion.episodes.find((e) => e.from <= t && t < e.to);
            expect(congestion.factorAt(t)).toBe(episode?.factor ?? 1);
          }
        },
      ),
    );
  });
});

describe("PingSchedule", () => {
  it("pings every half second until the session ends, the same on both sides", () => {
    const session = sessions[0] as (typeof sessions)[number];
    const drain = (): { id: number; sentAt: number; roundTrip: number | null }[] => {
      const schedule = new PingSchedule(session, new Congestion(session));
      const pings = [];
      for (let p = schedule.next(); p !== undefined; p = schedule.next()) pings.push(p);
      return pings;
    };
    const pings = drain();
    expect(pings).toEqual(drain());
    expect(pings.length).toBe(Math.ceil((session.durationSeconds - FIRST_PING_AT) / PING_PERIOD));
    pings.forEach((p, i) => {
      expect(p.id).toBe(i + 1);
      expect(p.sentAt - (FIRST_PING_AT + i * PING_PERIOD)).toBeLessThan(0.005);
    });
  });
});
