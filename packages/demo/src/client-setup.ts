/**
 * The client log's opening and closing: connecting (UDP twice, then TCP), audio, clipboard, the first
 * frame and the decoder choice, and at the end the quit, audio decoder teardown and SDL shutdown — in the
 * order and voice of the real client log. Times are session seconds (0 = connected to the server).
 */

import type { DemoLogSpec } from "./log-spec.js";
import type { LogWriter } from "./log-writer.js";
import { site } from "./log-writer.js";
import type { Rng } from "./rng.js";
import { sharedFacts } from "./session-shared.js";
import type { LaterStep } from "./timeline.js";
import type { ClientPlatform } from "./users.js";

export interface ClientProfile {
  readonly resolution: string;
  readonly decoder: string;
  readonly hardwareFormat: string;
  readonly renderThread: number;
  readonly receiveThread: number;
  readonly clipboardFile: string;
  readonly clipboardDirectory: string;
  readonly pathSeparator: string;
}

const DECODERS: Record<ClientPlatform, readonly (readonly [string, string])[]> = {
  windows: [
    ["QSV", "qsv"],
    ["NVIDIA", "cuda"],
    ["D3D11VA", "d3d11"],
  ],
  macos: [["VideoToolbox", "videotoolbox"]],
  linux: [
    ["VAAPI", "vaapi"],
    ["NVIDIA", "cuda"],
  ],
};

export function clientProfile(rng: Rng, spec: DemoLogSpec): ClientProfile {
  const [decoder, hardwareFormat] = rng.pick(DECODERS[spec.platform]);
  const home =
    spec.session.userEmail
      .split("@")[0]
      ?.replace(/[^A-Za-z]/g, "")
      .toLowerCase() || "user";
  const thread = (): number =>
    spec.platform === "windows" ? rng.int(1000, 30_000) * 4 : rng.int(1200, 60_000);
  const byPlatform = {
    windows: ["win_clipboard.c", "C:\\ProgramData\\FractalCache", "\\"],
    macos: ["mac_clipboard.c", `/Users/${home}/Library/Caches/Fractal`, "/"],
    linux: ["x11_clipboard.c", `/home/${home}/.cache/fractal`, "/"],
  } as const;
  const [clipboardFile, clipboardDirectory, pathSeparator] = byPlatform[spec.platform];
  return {
    resolution: sharedFacts(spec.session).resolution,
    decoder,
    hardwareFormat,
    renderThread: thread(),
    receiveThread: thread(),
    clipboardFile,
    clipboardDirectory,
    pathSeparator,
  };
}

/** From the log's first line up to the client asking for audio (~1 s after connecting). */
export function writeClientSetup(w: LogWriter, rng: Rng, spec: DemoLogSpec, p: ClientProfile): void {
  const { session, faults } = spec;
  let t = (spec.startMs - session.startMs) / 1000;
  const createRenderer = (at: number): void => {
    w.write(
      at,
      site("INFO", "video.c", "initMultithreadedVideo", 396),
      `Creating renderer for ${p.resolution} display`,
    );
    w.write(at + 0.004, site("INFO", "network.c", "CreateUDPClientContext", 1070), "Connecting to server...");
    w.write(
      at + 0.08,
      site("INFO", "video.c", "RenderScreen", 182),
      `RenderScreen running on Thread ${p.renderThread}`,
    );
  };
  if (faults.failedFirstAttempt) {
    // As in the real client log: the first try times out, the user starts the client again.
    createRenderer(t);
    t += rng.uniform(5, 10);
    w.write(t, site("WARNING", "main.c", "main", 637), "Failed to connect to server");
    w.write(t + 0.08, site("INFO", "main.c", "main", 892), "Closing Client...");
    w.write(t + 0.08, site("INFO", "sdl_utils.c", "destroySDL", 105), "Destroying SDL");
    t = -rng.uniform(0.15, 0.25);
  }
  if (faults.latin1Byte) {
    // A Windows user name with an accent, written by the ANSI code page: one byte that is not UTF-8.
    w.write(
      t,
      site("INFO", "main.c", "main", 540),
      "Log directory: C:\\Users\\Ren\u00e9e\\AppData\\Roaming\\Fractal",
    );
  }
  createRenderer(t);
  const ip = session.serverIp;
  const connected = (at: number, port: number): void => {
    w.write(
      at,
      site("WARNING", "network.c", "CreateUDPClientContext", 1102, true),
      `Connected to server on ${ip}:${port}! (Private ${port})`,
    );
  };
  connected(0, 32262);
  w.write(0.15, site("INFO", "network.c", "CreateUDPClientContext", 1070), "Connecting to server...");
  connected(0.3, 32263);
  w.write(0.45, site("INFO", "network.c", "CreateTCPClientContext", 684), "Connecting to server...");
  w.write(0.65, site("INFO", "network.c", "tcp_connect", 297, true), "Bool TCP worked = 1");
  w.write(0.65, site("INFO", "network.c", "tcp_connect", 298, true), "Ret TCP = -1");
  const wouldBlock = spec.platform === "windows" ? 10035 : spec.platform === "macos" ? 36 : 115;
  w.write(0.65, site("WARNING", "network.c", "tcp_connect", 308, true), `last network error = ${wouldBlock}`);
  w.write(0.7, site("INFO", "network.c", "CreateTCPClientContext", 694, true), `Connected on ${ip}:32264!`);
  w.write(0.71, site("INFO", "audio.c", "initAudio", 63), "Freq: 48000");
  w.write(
    0.78,
    site("INFO", "main.c", "ReceivePackets", 237),
    `ReceivePackets running on Thread ${p.receiveThread}`,
  );
  const dir = site("INFO", p.clipboardFile, "lclipboard_directory", 65);
  w.write(0.78, dir, `Directory: ${p.clipboardDirectory}`);
  w.write(0.781, dir, `Directory: ${p.clipboardDirectory}`);
  w.write(
    0.781,
    site("INFO", p.clipboardFile, "lset_clipboard_directory", 96),
    `SET PATH: ${p.clipboardDirectory}${p.pathSeparator}set_clipboard`,
  );
  w.write(0.783, site("INFO", "main.c", "update", 145), `Asking for server dimension to be ${p.resolution}`);
  w.write(
    0.783,
    site("INFO", "audio.c", "updateAudio", 126),
    `Audio Queue too low: ${rng.int(10, 24) * 256}. Needs to catch up!`,
  );
  w.write(0.89, site("INFO", "main.c", "ReceiveMessage", 478, true), "Received init message!");
  w.write(
    0.9,
    site("INFO", "clipboard_synchronizer.c", "ClipboardSynchronizerGetNewClipboard", 235),
    "Pushing update to clipboard",
  );
  w.write(
    0.902,
    site("INFO", "network.c", "SendTCPPacket", 126, true),
    `Sending TCP Packet of length ${rng.int(80, 600)}`,
  );
  w.write(0.98, site("INFO", "main.c", "ReceiveMessage", 466), "Changing audio frequency to 48000");
}

/** Session second of the first frame; the decode averages start right after it. */
export const FIRST_FRAME_AT = 1.9;

/**
 * The first frame arrives: the client adopts the server's size and sets up a decoder, which takes a few
 * tens of milliseconds (pings and replies are logged meanwhile, so these come as timed steps).
 */
export function firstFrameSteps(w: LogWriter, rng: Rng, spec: DemoLogSpec, p: ClientProfile): LaterStep[] {
  const trying = site("INFO", "videodecode.c", "try_setup_video_decoder", 106);
  const success = site("INFO", "videodecode.c", "create_video_decoder", 241);
  const age = rng.uniform(0.03, 0.06).toFixed(6);
  const packets = rng.int(25, 40);
  const ready = FIRST_FRAME_AT + rng.uniform(0.03, 0.1);
  const steps: LaterStep[] = [
    {
      at: FIRST_FRAME_AT,
      write: (t) => {
        w.write(
          t,
          site("INFO", "video.c", "RenderScreen", 226),
          `Late! Rendering ID 1 (Age ${age}) (Packets ${packets}) (I-Frame)`,
        );
        w.write(
          t,
          site("INFO", "video.c", "RenderScreen", 238),
          `Updating client rendering to match server's width and height! From -1x-1 to ${p.resolution}`,
        );
        w.write(t, trying, `Trying ${p.decoder} decoder`);
      },
    },
  ];
  if (spec.session.softwareDecoder) {
    steps.push({
      at: ready,
      write: (t) => {
        const fallback = site("WARNING", "videodecode.c", "try_setup_video_decoder", 118);
        w.write(t, fallback, `Could not create ${p.decoder} decoder, falling back to software`);
        w.write(t, trying, "Trying software decoder");
      },
    });
    steps.push({ at: ready + 0.01, write: (t) => w.write(t, success, "Video decoder: Success!") });
    return steps;
  }
  const found = site("WARNING", "videodecode.c", "match_format", 46, true);
  steps.push({ at: ready, write: (t) => w.write(t, success, "Video decoder: Success!") });
  steps.push({
    at: ready + 0.005,
    write: (t) => w.write(t, found, `Hardware format found: ${p.hardwareFormat}`),
  });
  steps.push({
    at: ready + 0.025,
    write: (t) => w.write(t, found, `Hardware format found: ${p.hardwareFormat}`),
  });
  return steps;
}

/** The quit and teardown, spread over [end, logEnd]. */
export function writeClientShutdown(w: LogWriter, rng: Rng, end: number, logEnd: number): void {
  const step = (logEnd - end) / 4;
  if (rng.chance(0.7)) w.write(end, site("INFO", "main.c", "ReceiveMessage", 509), "Server signaled a quit!");
  else w.write(end, site("INFO", "main.c", "handleSDLEvent", 732), "Quit requested by user");
  w.write(end + 0.001, site("INFO", "main.c", "main", 856), "Disconnecting...");
  w.write(
    end + step * 2,
    site("INFO", "main.c", "ReceivePackets", 409),
    `Took more than 20ms to receive something!! Took ${(rng.int(1_000_000, 2_500_000) / 1e4).toFixed(6)}ms total!`,
  );
  const destroy = (line: number, text: string): void => {
    w.write(end + step * 3, site("INFO", "audiodecode.c", "destroy_audio_decoder", line, true), text);
  };
  destroy(162, "destroying decoder!");
  destroy(167, "freed context");
  destroy(172, "av_freed frame");
  destroy(174, "really freed rame");
  destroy(179, "freed swr");
  destroy(183, "done destroying decoder!");
  w.write(end + step * 4, site("INFO", "main.c", "main", 892), "Closing Client...");
  w.write(end + step * 4, site("INFO", "sdl_utils.c", "destroySDL", 105), "Destroying SDL");
}
