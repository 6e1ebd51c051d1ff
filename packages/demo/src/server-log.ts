/**
 * One server log (Windows VM: CRLF, milliseconds): set-up, then the session's streams of lines (encode
 * averages every 30 frames, memory statistics, stdout prints of pings, relays and backlog, chatter whose
 * WARNING/ERROR rate follows the network), then teardown and the wait for the next client.
 */
import { chooseMoments, MetricFormatter } from "./c-format.js";
import { utcDayStartMs } from "./calendar.js";
import type { DemoLogSpec } from "./log-spec.js";
import { LogWriter, site } from "./log-writer.js";
import { Congestion, type Ping, PingSchedule } from "./network.js";
import { createRng } from "./rng.js";
import { encoderCreationSteps, MemoryGauge, writeServerSetup, writeServerShutdown } from "./server-setup.js";
import {
  SERVER_ERROR,
  SERVER_INFO,
  SERVER_WARNING,
  stdout,
  WEBSERVER_HEARTBEAT,
} from "./server-vocabulary.js";
import { sharedFacts } from "./session-shared.js";
import { LaterSteps, type LineStream, periodicStream, poissonStream, runStreams } from "./timeline.js";
import { type ChatterContext, ShapeSampler, writeShape } from "./vocabulary.js";

const ENCODE_TIME = site("INFO", "fractal.c", "SendVideo", 341);
const ENCODE_SIZE = site("INFO", "fractal.c", "SendVideo", 342);
const LONGEST_TIME = site("INFO", "fractal.c", "SendVideo", 347);
const LONGEST_SIZE = site("INFO", "fractal.c", "SendVideo", 348);
/** The stream starts once the encoder exists. */
const FIRST_ENCODE_AT = 1.9;

const info = new ShapeSampler(SERVER_INFO);
const warnings = new ShapeSampler(SERVER_WARNING);
const errors = new ShapeSampler(SERVER_ERROR);

export function generateServerLog(spec: DemoLogSpec): Uint8Array {
  const { session } = spec;
  const rng = createRng(session.seed, session.connectionId, "server");
  const clockOffset = (session.startMs - utcDayStartMs(spec.startMs)) / 1000 + session.serverClockSkew;
  const printRng = createRng(session.seed, session.connectionId, spec.side, "print");
  const w = new LogWriter({
    clockOffset,
    fracDigits: spec.fracDigits,
    lineEnding: spec.lineEnding,
    dottedFraction: spec.faults.dottedFraction,
    printDelay: () => printRng.next() * 0.0004,
    // ~0.6 kB a second, plus the set-up.
    expectedBytes: (spec.endMs - spec.startMs) * 0.62 + 8192,
  });
  const facts = sharedFacts(session);
  const fps = rng.uniform(59.6, 60.2);
  const ctx: ChatterContext = {
    rng,
    frame: 0,
    platform: "windows",
    serverIp: session.serverIp,
    clientIp: session.clientIp,
  };
  const at = (t: number): number => {
    ctx.frame = Math.max(1, Math.floor((t - FIRST_ENCODE_AT) * fps));
    return t;
  };
  const memory = new MemoryGauge(rng);
  writeServerSetup(w, rng, spec, facts, memory, ctx);

  const end = session.durationSeconds;
  const q = session.quality;
  const congestion = new Congestion(session);
  const metrics = new MetricFormatter(rng, "windows", chooseMoments(rng, spec.faults.invalidValues, 5, end));
  const chatter = (rate: (t: number) => number, sampler: ShapeSampler): LineStream =>
    poissonStream(rng, 2, rate, (t) => writeShape(w, at(t), sampler.sample(rng), ctx));
  const stdoutStream = (rate: (t: number) => number, text: () => string): LineStream =>
    poissonStream(rng, 2, rate, (t) => {
      at(t);
      w.raw(text());
    });
  const congested = (t: number): boolean => congestion.factorAt(t) > 1;
  let block = 0;
  const later = new LaterSteps();
  const streams: LineStream[] = [
    later,
    periodicStream(rng, FIRST_ENCODE_AT, 30 / fps, 0.004, (t) => {
      // Averages over the last 30 frames; every tenth block also the worst frame (look-alike lines).
      const spike = rng.next() < 0.003 ? rng.uniform(2, 5) : 1;
      const encodeTime = q.encodeSeconds * rng.lognormal(1, 0.1) * spike;
      const encodeSize = q.encodeBytes * rng.lognormal(1, 0.22) * (congested(t) ? rng.uniform(0.55, 0.8) : 1);
      w.writeValue(t, ENCODE_TIME, "Average Encode Time: ", metrics.value(encodeTime, t));
      w.writeValue(t, ENCODE_SIZE, "Average Encode Size: ", metrics.value(encodeSize, t));
      if (++block % 10 === 0) {
        w.writeValue(t, LONGEST_TIME, "Longest Encode Time: ", encodeTime * rng.uniform(1.5, 3));
        w.writeValue(t, LONGEST_SIZE, "Longest Encode Size: ", encodeSize * rng.uniform(2, 5));
      }
    }),
    pingsReceived(w, new PingSchedule(session, congestion)),
    periodicStream(rng, 3, 2, 0.003, (t) => memory.write(w, t, 2)),
    periodicStream(rng, 30, 60, 0.2, (t) => writeShape(w, at(t), WEBSERVER_HEARTBEAT, ctx)),
    stdoutStream(
      (t) => 0.08 * q.packetLoss * congestion.factorAt(t) ** 1.5,
      () => stdout.relayed(ctx),
    ),
    stdoutStream(
      (t) => 0.1 * (session.encodeRegression ? 4 : 1) * (congested(t) ? 3 : 1),
      () => stdout.accumulated(rng),
    ),
    stdoutStream(
      () => 0.01,
      () => "Sending current frame!",
    ),
    chatter(() => 0.12, info),
    chatter((t) => 0.006 * q.problemRate * (congested(t) ? 3 : 1), warnings),
    chatter((t) => 0.001 * q.problemRate * (congested(t) ? 3 : 1), errors),
    // The encoder is re-created when the client changes size; late builds may fail to get a session again.
    poissonStream(
      rng,
      30,
      () => 1 / 400,
      (t) => {
        const lateError = session.lateEncoderError && rng.next() < 0.5;
        for (const step of encoderCreationSteps(w, rng, at(t), lateError, ctx)) later.schedule(step);
      },
    ),
  ];
  runStreams(streams, end);

  writeServerShutdown(w, rng, end, (spec.endMs - session.startMs) / 1000, session.clientCrash);
  return w.toBytes();
}

/** The server prints each ping it receives (half a round trip after the client sent it). */
function pingsReceived(w: LogWriter, schedule: PingSchedule): LineStream {
  let upcoming: Ping | undefined = schedule.next();
  const arrival = (p: Ping | undefined): number =>
    p === undefined ? Number.POSITIVE_INFINITY : p.sentAt + (p.roundTrip ?? 0.2) / 2;
  let last = Number.NEGATIVE_INFINITY;
  const stream: LineStream = {
    next: arrival(upcoming),
    fire() {
      const ping = upcoming as Ping;
      w.raw(stdout.pingReceived(ping.id));
      last = stream.next;
      upcoming = schedule.next();
      // Pings arrive in order on the wire: a later ping is never printed before an earlier one.
      stream.next = Math.max(arrival(upcoming), last + 0.0001);
    },
  };
  return stream;
}
