/**
 * The client's chatter, ranked by frequency within each level. Shapes and call sites are taken from the
 * real client log (`client-2020-05-15.txt`) where it has them; the rest are in the same voice.
 */
import { site } from "./log-writer.js";
import {
  type ChatterContext,
  hexAddress,
  type MessageShape,
  packetIndex,
  shape,
  socketErrorCode,
} from "./vocabulary.js";

/** Durations measured with a 100 ns clock, printed with `%f`: four real decimals, then zeros. */
const ms = (c: ChatterContext, lo: number, hi: number): string =>
  (Math.round(c.rng.uniform(lo, hi) * 1e4) / 1e4).toFixed(6);
const recentFrame = (c: ChatterContext): number => Math.max(1, c.frame - c.rng.int(1, 20));

export const CLIENT_INFO: readonly MessageShape[] = [
  shape(
    site("INFO", "main.c", "ReceivePackets", 369),
    (c) => `Took more than 20ms to receive something!! Took ${ms(c, 20.5, 90)}ms total!`,
  ),
  shape(
    site("INFO", "video.c", "RenderScreen", 226),
    (c) =>
      `Late! Rendering ID ${c.frame} (Age ${c.rng.uniform(0.03, 0.2).toFixed(6)}) (Packets ${c.rng.int(12, 40)}) `,
  ),
  shape(site("INFO", "video.c", "updateVideo", 598), () => "Skip this render"),
  shape(
    site("INFO", "audio.c", "updateAudio", 126),
    (c) => `Audio Queue too low: ${c.rng.int(8, 40) * 256}. Needs to catch up!`,
  ),
  shape(
    site("INFO", "audio.c", "updateAudio", 141),
    (c) => `Done catching up! Audio Queue: ${c.rng.int(40, 80) * 256}`,
  ),
  shape(
    site("INFO", "video.c", "ReceiveVideo", 772),
    (c) => `NACK for Video ID ${recentFrame(c)}, Index ${packetIndex(c)} Received!`,
  ),
  shape(
    site("INFO", "clipboard_synchronizer.c", "ClipboardSynchronizerGetNewClipboard", 235),
    () => "Pushing update to clipboard",
  ),
  shape(site("INFO", "clipboard_synchronizer.c", "UpdateClipboardThread", 212), () => "Updated clipboard!"),
  shape(
    site("INFO", "network.c", "SendTCPPacket", 126, true),
    (c) => `Sending TCP Packet of length ${c.rng.int(40, 900)}`,
  ),
  shape(site("INFO", "video.c", "updateVideo", 611), () => "TOO FAR BEHIND! REQUEST FOR IFRAME!"),
  shape(
    site("INFO", "video.c", "updateVideo", 640),
    (c) => `Skipping from ${c.frame - c.rng.int(3, 30)} to i-frame ${c.frame}!`,
  ),
  shape(
    site("INFO", "main.c", "ReceiveMessage", 471),
    (c) => `Received clipboard update of ${c.rng.int(4, 4000)} bytes`,
  ),
  shape(
    site("INFO", "sdl_utils.c", "updateCursor", 211),
    (c) => `Cursor changed to ${c.rng.pick(["arrow", "ibeam", "hand", "sizewe", "wait"])}`,
  ),
];

/** Packet-loss chatter: its rate follows the network, not the problem rate. */
export const CLIENT_LOSS_INFO: readonly MessageShape[] = [
  shape(
    site("INFO", "video.c", "nack", 310),
    (c) => `Missing Video Packet ID ${recentFrame(c)} Index ${packetIndex(c)}, NACKing...`,
  ),
  shape(
    site("INFO", "video.c", "updateVideo", 574),
    (c) =>
      `************NACKING VIDEO PACKET ${recentFrame(c)} ${packetIndex(c)} (/${c.rng.int(20, 130)}), alive for ${c.rng.int(8, 120)} MS`,
  ),
  shape(
    site("INFO", "video.c", "ReceiveVideo", 781),
    (c) => `NACK for Video ID ${recentFrame(c)}, Index ${packetIndex(c)} Received! But didn't need it.`,
  ),
  shape(
    site("INFO", "video.c", "ReceiveVideo", 790),
    (c) =>
      `Received the original Video ID ${recentFrame(c)} Index ${packetIndex(c)}, but we had NACK'ed for it.`,
  ),
];

export const CLIENT_WARNING: readonly MessageShape[] = [
  shape(
    site("WARNING", "audio.c", "updateAudio", 158),
    (c) => `Audio queue full, skipping ID ${c.rng.int(100, 90_000)} (Queued: ${c.rng.int(60, 120) * 256})`,
  ),
  shape(
    site("WARNING", "network.c", "ReadUDPPacket", 411),
    (c) => `Unexpected Packet Error: ${socketErrorCode(c)}`,
  ),
  shape(
    site("WARNING", "video.c", "updateVideo", 552),
    (c) => `Did not receive ID ${recentFrame(c)}, Index ${packetIndex(c)}`,
  ),
  shape(
    site("WARNING", "video.c", "updateVideo", 566),
    (c) => `Frame dropped with ID ${recentFrame(c)}: ${c.rng.int(1, 60)}/${c.rng.int(60, 130)}`,
  ),
  shape(
    site("WARNING", "video.c", "updateVideo", 531),
    (c) => `Bad ID? -${c.rng.int(1, 9)} instead of ${c.frame}`,
  ),
  shape(
    site("WARNING", "network.c", "SendUDPPacket", 212),
    (c) => `sendto failed with error ${socketErrorCode(c)}, retrying`,
  ),
  shape(
    site("WARNING", "video.c", "updateVideo", 702),
    (c) => `Decoder queue backed up: ${c.rng.int(3, 25)} frames`,
  ),
  shape(
    site("WARNING", "clipboard_synchronizer.c", "ClipboardSynchronizerSetClipboard", 118),
    (c) => `Clipboard too large (${c.rng.int(9, 200)} MB), not sending`,
  ),
  shape(
    site("WARNING", "main.c", "update", 188),
    (c) =>
      `Resize to ${c.rng.pick(["1366x768", "1600x900", "5120x1440"])} refused by server, keeping current size`,
  ),
  shape(site("WARNING", "audio.c", "initAudio", 81), () => "Audio device changed, reopening"),
];

export const CLIENT_ERROR: readonly MessageShape[] = [
  shape(
    site("ERROR", "videodecode.c", "video_decoder_decode", 322),
    (c) => `Could not decode packet ${recentFrame(c)}, requesting iframe`,
  ),
  shape(
    site("ERROR", "network.c", "ReadUDPPacket", 398),
    (c) => `recvfrom failed with error ${socketErrorCode(c)}`,
  ),
  shape(
    site("ERROR", "videodecode.c", "video_decoder_decode", 305),
    () => "avcodec_send_packet failed: Invalid data found when processing input (-1094995529)",
  ),
  shape(
    site("ERROR", "main.c", "SendPing", 198),
    (c) => `Failed to send ping ${c.frame % 5000}: connection reset by ${c.serverIp}`,
  ),
  shape(
    site("ERROR", "network.c", "ReadUDPPacket", 420),
    (c) => `Failed to decrypt packet of length ${c.rng.int(60, 1400)} (bad HMAC)`,
  ),
  shape(
    site("ERROR", "video.c", "RenderScreen", 265),
    () => "SDL_RenderCopy failed:",
    (c) => [
      `  renderer: ${c.platform === "windows" ? "direct3d11" : c.platform === "macos" ? "metal" : "opengl"}`,
      "  Texture is not currently available",
    ],
  ),
  shape(
    site("ERROR", "audio.c", "initAudio", 95),
    (c) => `Could not open audio device: ${c.rng.pick(["No such device", "Device or resource busy"])}`,
  ),
];

/** Linux builds log at DEBUG too. */
export const CLIENT_DEBUG: readonly MessageShape[] = [
  shape(
    site("DEBUG", "network.c", "SendUDPPacket", 190),
    (c) => `Sent ${c.rng.int(60, 1400)} bytes to ${c.serverIp}:32262`,
  ),
  shape(
    site("DEBUG", "video.c", "updateVideo", 489),
    (c) => `Frame ${c.frame} complete after ${c.rng.int(1, 90)} packets`,
  ),
  shape(site("DEBUG", "audio.c", "updateAudio", 112), (c) => `Audio packet ${c.rng.int(1, 90_000)} queued`),
];

/** Printed when the client dies: FATAL_ERROR then a backtrace without the logger prefix. */
export const CLIENT_CRASH: MessageShape = shape(
  site("FATAL_ERROR", "main.c", "crash_handler", 77),
  (c) =>
    c.platform === "windows"
      ? "Unhandled exception 0xC0000005 (access violation), exiting"
      : "Segmentation fault (signal 11), exiting",
  (c) => {
    const base = c.platform === "windows" ? 0x7ff6_a1c0_0000 : 0x5600_0040_0000;
    return [
      "Backtrace:",
      `  #0 ${hexAddress(c.rng, base)} in updateVideo at video.c:893`,
      `  #1 ${hexAddress(c.rng, base)} in MultithreadedUpdateVideo at video.c:420`,
      `  #2 ${hexAddress(c.rng, base)} in SDL_RunThread`,
      `  #3 ${hexAddress(c.rng, base)} in ${c.platform === "windows" ? "BaseThreadInitThunk" : "start_thread"}`,
    ];
  },
);
