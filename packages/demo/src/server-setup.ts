/**
 * The server log's opening and closing, in the order of the real server log: the VM waits for its
 * client (timing out now and then), accepts UDP and TCP, creates the capture device, audio and the
 * encoder; at the end it tears down and waits for the next client. Times are session seconds.
 */
import type { DemoLogSpec } from "./log-spec.js";
import { type LogWriter, site } from "./log-writer.js";
import type { Rng } from "./rng.js";
import { LATE_ENCODER_ERROR } from "./server-vocabulary.js";
import type { SharedFacts } from "./session-shared.js";
import type { LaterStep } from "./timeline.js";
import { type ChatterContext, writeShape } from "./vocabulary.js";

const WEBSERVER = site("INFO", "network.c", "SendJSONPost", 1295, true);
const WAITING = site("INFO", "network.c", "CreateUDPServerContext", 887, true);
const MEMORY_PEAK = site("INFO", "fractal.c", "PrintMemoryInfo", 28);
const MEMORY_NOW = site("INFO", "fractal.c", "PrintMemoryInfo", 29);
const TRYING_ENCODER = site("INFO", "videoencode.c", "try_setup_video_encoder", 31);
const ENCODER_SUCCESS = site("INFO", "videoencode.c", "create_video_encoder", 112);
const ENCODER_TIME = site("INFO", "videoencode.c", "try_setup_video_encoder", 43);
const ENCODER_CREATED = site("INFO", "videoencode.c", "try_setup_video_encoder", 47);

/** Working-set sizes that grow as the stream allocates buffers, printed in pairs. */
export class MemoryGauge {
  private workingSet: number;
  private peak: number;

  constructor(private readonly rng: Rng) {
    this.workingSet = rng.int(2400, 2600) * 4096;
    this.peak = this.workingSet + 4096;
  }

  /** Capture and encoder buffers arrive: the working set jumps to a few hundred MB, as in the real log. */
  startStreaming(): void {
    this.workingSet += this.rng.int(50_000, 100_000) * 4096;
  }

  write(w: LogWriter, t: number, growth: number): void {
    this.workingSet = Math.max(8_000_000, this.workingSet + Math.round(this.rng.normal(growth, 40)) * 4096);
    this.peak = Math.max(this.peak, this.workingSet + 4096);
    w.write(t, MEMORY_PEAK, `PeakWorkingSetSize: ${this.peak}`);
    w.write(t, MEMORY_NOW, `WorkingSetSize: ${this.workingSet}`);
  }
}

export function writeWaitForClient(w: LogWriter, rng: Rng, t: number): void {
  w.write(t, WEBSERVER, "Webserver Response: HTTP/1.1 200 OK");
  w.write(t + rng.uniform(0.03, 0.1), WEBSERVER, "Webserver Response: HTTP/1.1 200 OK");
  w.write(t + 0.12, WAITING, "Waiting for client to connect to localhost:32262...");
}

export function writeServerSetup(
  w: LogWriter,
  rng: Rng,
  spec: DemoLogSpec,
  facts: SharedFacts,
  memory: MemoryGauge,
  ctx: ChatterContext,
): void {
  const { session } = spec;
  const start = (spec.startMs - session.startMs) / 1000;
  const dir = site("INFO", "win_clipboard.c", "lclipboard_directory", 62);
  w.write(start, dir, "Directory: C:\\ProgramData\\FractalCache");
  w.write(start, dir, "Directory: C:\\ProgramData\\FractalCache");
  w.write(
    start,
    site("INFO", "win_clipboard.c", "lset_clipboard_directory", 93),
    "SET PATH: C:\\ProgramData\\FractalCache\\set_clipboard",
  );
  const lastWait = -rng.uniform(0.8, 1.8);
  // The plan leaves ~6 s per wait: the 5 s timeout, the update check and a new context.
  const cycle = (lastWait - start - 0.1) / Math.max(1, spec.faults.waitCycles);
  for (let i = 0; i < spec.faults.waitCycles; i++) {
    // A client that never came: the 5 s timeout, then the VM checks for updates and waits again.
    const t = start + 0.07 + i * cycle;
    writeWaitForClient(w, rng, t);
    w.write(
      t + 5.12,
      site("WARNING", "network.c", "CreateUDPServerContext", 896, true),
      "Did not receive response from client! 10060",
    );
    w.raw("Failed to start connection");
    w.raw("Checking for updates...");
  }
  writeWaitForClient(w, rng, lastWait);
  const [videoPort, audioPort, tcpPort] = facts.clientPorts;
  const received = site("INFO", "network.c", "CreateUDPServerContext", 907, true);
  w.write(0, received, `Client received at ${session.clientIp}:${videoPort}!`);
  w.write(0, WAITING, "Waiting for client to connect to localhost:32263...");
  w.write(0.28, received, `Client received at ${session.clientIp}:${audioPort}!`);
  w.write(
    0.8,
    site("INFO", "network.c", "CreateTCPServerContext", 518, true),
    `Client received at ${session.clientIp}:${tcpPort}!`,
  );
  w.write(0.87, WEBSERVER, "Webserver Response: HTTP/1.1 200 OK");
  w.write(0.91, WEBSERVER, "Webserver Response: HTTP/1.1 200 OK");
  const size = rng.int(300, 450);
  w.raw(`SIZE: ${size}`);
  w.write(
    1.06,
    site("INFO", "network.c", "SendTCPPacket", 117, true),
    `Sending TCP Packet of length ${size + 64}`,
  );
  w.raw("Sending video and audio...");
  w.raw("Receiving packets...");
  memory.write(w, 1.06, 30);
  memory.write(w, 1.061, 30);
  w.raw(`Request to use dimensions ${facts.resolution} received`);
  writeCaptureDevice(w, 1.08, facts.resolution, rng);
  w.write(1.2, site("INFO", "wasapicapture.c", "CreateAudioDevice", 129), "Minimum period: 30000");
  w.raw("Created audio device!");
  w.raw("Audio Frequency: 48000");
  for (const step of encoderCreationSteps(w, rng, 1.22, session.lateEncoderError, ctx)) step.write(step.at);
  memory.startStreaming();
}

function writeCaptureDevice(w: LogWriter, t: number, resolution: string, rng: Rng): void {
  const at = (line: number, level = "INFO") => site(level, "dxgicapture.c", "CreateCaptureDevice", line);
  w.write(t, at(71), `Creating capture device for resolution ${resolution}...`);
  w.write(t, at(92), "Found monitor 0 on adapter 0");
  w.write(t, at(101, "WARNING"), "Adapter 0: NVIDIA Tesla M60");
  w.write(t, at(101, "WARNING"), "Adapter 1: Microsoft Basic Render Driver");
  w.write(t + 0.01, at(118), "Device Name: \\\\.\\DISPLAY1");
  w.write(t + 0.01, at(131), `Number of display modes: ${rng.int(20, 60)}`);
  w.write(t + 0.01, at(140), `Target Resolution: ${resolution}`);
  w.write(t + 0.01, at(158), `Found Resolution: ${resolution}`);
  w.write(t + 0.05, at(171), "ChangeDisplaySettingsCode: 0");
  w.raw(`Created Capture Device of dimensions ${resolution}`);
}

/**
 * The encoder is (re)created at start and on every size change; late builds may first fail to get a
 * hardware session. Creating takes ~0.1 s, so the steps come with their times: the set-up writes them at
 * once, the session loop schedules them so that what other threads log meanwhile comes out in between.
 */
export function encoderCreationSteps(
  w: LogWriter,
  rng: Rng,
  t: number,
  lateError: boolean,
  ctx: ChatterContext,
): LaterStep[] {
  const trying = (now: number): void => w.write(now, TRYING_ENCODER, "Trying Nvidia encoder");
  const steps: LaterStep[] = [{ at: t, write: trying }];
  let at = t;
  if (lateError) {
    at += rng.uniform(0.02, 0.06);
    steps.push({ at, write: (now) => writeShape(w, now, LATE_ENCODER_ERROR, ctx) });
    at += rng.uniform(0.05, 0.2);
    steps.push({ at, write: trying });
  }
  const took = rng.uniform(0.08, 0.16);
  steps.push({
    at: at + took,
    write: (now) => {
      w.write(now, ENCODER_SUCCESS, "Video encoder: Success!");
      w.write(now, ENCODER_TIME, `Time to create encoder: ${took.toFixed(6)}`);
      w.write(now, ENCODER_CREATED, "Video Encoder created!");
    },
  });
  return steps;
}

/** The client left (or stopped answering): tear down and wait for the next one. */
export function writeServerShutdown(
  w: LogWriter,
  rng: Rng,
  end: number,
  logEnd: number,
  clientCrashed: boolean,
): void {
  let t = end + 0.02;
  if (clientCrashed) {
    t = end + (logEnd - end) * 0.6;
    w.write(
      t,
      site("WARNING", "fractal.c", "main", 588),
      `No ping from client in ${Math.round((t - end) * 1000)} ms, closing connection`,
    );
  } else {
    w.write(t, site("INFO", "fractal.c", "ReceiveClientMessage", 640), "Received quit message from client");
  }
  w.raw("Disconnected");
  const step = (logEnd - t) / 3;
  w.write(t + step, site("INFO", "videoencode.c", "destroy_video_encoder", 201), "Destroying video encoder");
  w.write(t + step, site("INFO", "dxgicapture.c", "DestroyCaptureDevice", 322), "Destroying capture device");
  w.raw("Checking for updates...");
  writeWaitForClient(w, rng, logEnd - 0.12);
}
