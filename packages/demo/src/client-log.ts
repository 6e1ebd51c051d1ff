/**
 * One client log: set-up chatter, then the session's streams of lines (pings and their latency every
 * half second, decode averages every 10 frames, bitrate and timing blocks, chatter whose WARNING/ERROR
 * rate follows the network), then the quit or a crash.
 */
import { chooseMoments, MetricFormatter } from "./c-format.js";
import { utcDayStartMs } from "./calendar.js";
import {
  clientProfile,
  FIRST_FRAME_AT,
  firstFrameSteps,
  writeClientSetup,
  writeClientShutdown,
} from "./client-setup.js";
import {
  CLIENT_CRASH,
  CLIENT_DEBUG,
  CLIENT_ERROR,
  CLIENT_INFO,
  CLIENT_LOSS_INFO,
  CLIENT_WARNING,
} from "./client-vocabulary.js";
import type { DemoLogSpec } from "./log-spec.js";
import { LogWriter, site } from "./log-writer.js";
import { Congestion, type Ping, PingSchedule } from "./network.js";
import { createRng, type Rng } from "./rng.js";
import { LaterSteps, type LineStream, periodicStream, poissonStream, runStreams } from "./timeline.js";
import { type ChatterContext, ShapeSampler, writeShape } from "./vocabulary.js";

const PING = site("INFO", "main.c", "update", 212);
const LATENCY = site("INFO", "main.c", "ReceiveMessage", 455);
const HIGH_LATENCY = site("WARNING", "main.c", "ReceiveMessage", 460);
const PING_LOST = site("WARNING", "main.c", "update", 224);
const DECODE = site("INFO", "video.c", "updateVideo", 893);
const DECODE_DEBUG = site("DEBUG", "video.c", "updateVideo", 893);
const MBPS = site("INFO", "video.c", "updateVideo", 497);
const MBPS2 = site("INFO", "video.c", "updateVideo", 529);
const MBPS3 = site("INFO", "video.c", "updateVideo", 535);
const ASK_MBPS = site("INFO", "main.c", "update", 161);
const TIMING_NAMES = [
  "world_time",
  "recvfrom_time",
  "update_video_time",
  "update_audio_time",
  "hash_time",
  "video_time",
  "max_video_time",
  "audio_time",
  "max_audio_time",
  "message_time",
] as const;
const TIMINGS = TIMING_NAMES.map((name, i) => ({
  label: `${name}: `,
  at: site("INFO", "main.c", "ReceivePackets", 300 + i),
}));

const info = new ShapeSampler(CLIENT_INFO);
const loss = new ShapeSampler(CLIENT_LOSS_INFO, 0.6);
const warnings = new ShapeSampler(CLIENT_WARNING);
const errors = new ShapeSampler(CLIENT_ERROR);
const debug = new ShapeSampler(CLIENT_DEBUG, 0.5);

export function generateClientLog(spec: DemoLogSpec): Uint8Array {
  const { session } = spec;
  const rng = createRng(session.seed, session.connectionId, "client");
  const printRng = createRng(session.seed, session.connectionId, spec.side, "print");
  const w = new LogWriter({
    clockOffset: (session.startMs - utcDayStartMs(spec.startMs)) / 1000,
    fracDigits: spec.fracDigits,
    lineEnding: spec.lineEnding,
    dottedFraction: spec.faults.dottedFraction,
    latin1: spec.faults.latin1Byte,
    printDelay: () => printRng.next() * 0.0004,
    // ~1.2 kB a second (more on poor networks), plus the set-up.
    expectedBytes: (spec.endMs - spec.startMs) * (session.poorNetwork ? 1.4 : 1.25) + 8192,
  });
  const profile = clientProfile(rng, spec);
  writeClientSetup(w, rng, spec, profile);

  const end = session.durationSeconds;
  const fps = rng.uniform(59.4, 60.1);
  const ctx: ChatterContext = {
    rng,
    frame: 0,
    platform: spec.platform,
    serverIp: session.serverIp,
    clientIp: session.clientIp,
  };
  const at = (t: number): number => {
    ctx.frame = Math.max(1, Math.floor((t - FIRST_FRAME_AT) * fps));
    return t;
  };
  const congestion = new Congestion(session);
  const metrics = new MetricFormatter(
    rng,
    spec.platform,
    chooseMoments(rng, spec.faults.invalidValues, 5, end),
  );
  const q = session.quality;
  const decodeSite = spec.platform === "linux" ? DECODE_DEBUG : DECODE;
  const chatter = (rate: (t: number) => number, sampler: ShapeSampler, racing = false): LineStream =>
    poissonStream(rng, 1, rate, (t) => {
      // Threads race for the log: now and then a line carries a time a few ms older than the one before.
      const shown = racing && rng.next() < 0.01 ? t - rng.uniform(0.001, 0.004) : t;
      writeShape(w, at(shown), sampler.sample(rng), ctx);
    });
  const later = new LaterSteps();
  for (const step of firstFrameSteps(w, rng, spec, profile)) later.schedule(step);
  const streams: LineStream[] = [
    later,
    ...pingStreams(w, rng, new PingSchedule(session, congestion), metrics),
    periodicStream(rng, FIRST_FRAME_AT + 0.2, 10 / fps, 0.01, (t) => {
      const spike = rng.next() < 0.003 ? rng.uniform(2, 4) : 1;
      const decode = q.decodeSeconds * rng.lognormal(1, 0.12) * spike;
      w.writeValue(t, decodeSite, "Avg Decode Time: ", metrics.value(decode, t));
    }),
    bitrateStream(w, rng, congestion),
    periodicStream(rng, 5, 7.5, 0.05, (t) => writeTimings(w, rng, t)),
    chatter(() => 0.5, info, true),
    chatter((t) => 0.12 * q.packetLoss * congestion.factorAt(t) ** 1.5, loss),
    chatter((t) => 0.012 * q.problemRate * (congestion.factorAt(t) > 1 ? 4 : 1), warnings),
    chatter((t) => 0.0015 * q.problemRate * (congestion.factorAt(t) > 1 ? 3 : 1), errors),
  ];
  if (spec.platform === "linux") streams.push(chatter(() => 0.4, debug));
  runStreams(streams, end);

  if (session.clientCrash) writeShape(w, at(end), CLIENT_CRASH, ctx);
  else writeClientShutdown(w, rng, end, (spec.endMs - session.startMs) / 1000);
  return w.toBytes();
}

/** `Ping! N` every half second and `Latency: …` when its reply arrives (or a warning when none does). */
function pingStreams(w: LogWriter, rng: Rng, schedule: PingSchedule, metrics: MetricFormatter): LineStream[] {
  /** Pings sent and not yet answered (or given up on) from `head` on. */
  const pending: Ping[] = [];
  let head = 0;
  const replyAt = (p: Ping): number => p.sentAt + (p.roundTrip ?? 1);
  let upcoming = schedule.next();
  const replyStream: LineStream = {
    next: Number.POSITIVE_INFINITY,
    fire() {
      const t = replyStream.next;
      const ping = pending[head++] as Ping;
      if (ping.roundTrip === null) {
        w.write(t, PING_LOST, `No reply to ping ${ping.id} after 1000 ms`);
      } else {
        w.writeValue(t, LATENCY, "Latency: ", metrics.value(ping.roundTrip, t));
        // A look-alike that is not a latency point: free text around the name.
        if (ping.roundTrip > 0.25 && rng.next() < 0.4)
          w.write(t, HIGH_LATENCY, `High Latency: ${ping.roundTrip.toFixed(1)} exceeds budget`);
      }
      // Drop answered pings now and then: kept, a two-hour log's 14,000 pings would survive every
      // young-generation collection and be copied each time.
      if (head >= 64) {
        pending.splice(0, head);
        head = 0;
      }
      const following = pending[head];
      // A reply overtaken by a faster later one is printed right after it (the receive thread is serial).
      replyStream.next =
        following === undefined ? Number.POSITIVE_INFINITY : Math.max(replyAt(following), t + 0.0005);
    },
  };
  const pingStream: LineStream = {
    next: upcoming?.sentAt ?? Number.POSITIVE_INFINITY,
    fire() {
      const ping = upcoming as Ping;
      w.write(ping.sentAt, PING, `Ping! ${ping.id}`);
      pending.push(ping);
      // With no reply pending, the reply stream wakes up for this one.
      if (pending.length === head + 1) replyStream.next = replyAt(ping);
      upcoming = schedule.next();
      pingStream.next = upcoming?.sentAt ?? Number.POSITIVE_INFINITY;
    },
  };
  return [pingStream, replyStream];
}

/** Every 3 s the client re-estimates the bitrate (four lines, as in the real log). */
function bitrateStream(w: LogWriter, rng: Rng, congestion: Congestion): LineStream {
  let bitrate = rng.uniform(10, 14) * 1_000_000;
  return periodicStream(rng, 3, 3, 0.003, (t) => {
    const congested = congestion.factorAt(t) > 1;
    const target = congested
      ? bitrate * rng.uniform(0.6, 0.85)
      : Math.min(31_457_280, bitrate * rng.uniform(1.0, 1.03));
    const lossRatio = congested ? rng.uniform(0.05, 0.4) : rng.next() < 0.1 ? rng.uniform(0, 0.05) : 0;
    w.write(t, MBPS, `MBPS: ${bitrate.toFixed(6)} ${lossRatio.toFixed(6)}`);
    w.writeValue(t, MBPS2, "MBPS2: ", target);
    w.write(t, MBPS3, `MBPS3: ${Math.round(target / 250_000) * 250_000}`);
    w.writeValue(t + 0.001, ASK_MBPS, "Asking for server MBPS to be ", target / 1_048_576);
    bitrate = target;
  });
}

/** The receive loop's timing summary (ten lines). */
function writeTimings(w: LogWriter, rng: Rng, t: number): void {
  const world = rng.uniform(4.95, 5.05);
  const values = [
    world,
    world * rng.uniform(0.85, 0.95),
    rng.uniform(0.003, 0.009),
    rng.uniform(0.02, 0.04),
    0,
    rng.uniform(0.005, 0.012),
    rng.uniform(0.0005, 0.002),
    0,
    0,
    rng.uniform(0.0001, 0.0004),
  ];
  TIMINGS.forEach(({ label, at }, i) => {
    w.writeValue(t, at, label, values[i] ?? 0);
  });
}
