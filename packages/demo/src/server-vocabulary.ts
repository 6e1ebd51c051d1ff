/**
 * The server's chatter, ranked by frequency within each level, in the voice of the real server log
 * (`server-2020-05-08.txt`), plus the lines it prints to stdout without the logger prefix.
 */
import { site } from "./log-writer.js";
import { PLANTED } from "./planted.js";
import type { Rng } from "./rng.js";
import { type ChatterContext, hexAddress, type MessageShape, shape, socketErrorCode } from "./vocabulary.js";

const hresult = (c: ChatterContext): string =>
  c.rng.pick(["0x887A0027", "0x887A0026", "0x887A0001", "0x80070005"]);

/** The VM reports to the webserver every minute (and at other moments). */
export const WEBSERVER_HEARTBEAT = shape(
  site("INFO", "network.c", "SendJSONPost", 1295, true),
  () => "Webserver Response: HTTP/1.1 200 OK",
);

export const SERVER_INFO: readonly MessageShape[] = [
  WEBSERVER_HEARTBEAT,
  shape(
    site("INFO", "fractal.c", "ReceiveClientMessage", 702),
    (c) => `Received MBPS update: ${c.rng.uniform(8, 30).toFixed(6)}`,
  ),
  shape(site("INFO", "dxgicapture.c", "CaptureScreen", 412), () => "Cursor shape changed"),
  shape(
    site("INFO", "fractal.c", "ReceiveClientMessage", 731),
    (c) => `Received ${c.rng.int(8, 4000)} byte clipboard message from client`,
  ),
  shape(
    site("INFO", "videoencode.c", "video_encoder_set_iframe", 288),
    (c) => `Forcing i-frame for frame ${c.frame}`,
  ),
  shape(
    site("INFO", "wasapicapture.c", "GetNextPacket", 151),
    (c) => `Audio packet of ${c.rng.int(4, 16) * 240} samples`,
  ),
  shape(
    site("INFO", "fractal.c", "ReceiveClientMessage", 688),
    (c) => `Received keyboard state (${c.rng.int(1, 8)} keys down)`,
  ),
];

export const SERVER_WARNING: readonly MessageShape[] = [
  shape(
    site("WARNING", "dxgicapture.c", "CaptureScreen", 431),
    (c) => `Failed to acquire next frame: ${hresult(c)}`,
  ),
  shape(
    site("WARNING", "videoencode.c", "video_encoder_encode", 233),
    (c) => `Encoder queue full, dropping frame ${c.frame}`,
  ),
  shape(
    site("WARNING", "network.c", "SendUDPPacket", 201),
    (c) => `Could not send packet ${c.frame} to ${c.clientIp}: ${socketErrorCode(c)}`,
  ),
  shape(
    site("WARNING", "fractal.c", "main", 544),
    (c) => `Client ping overdue by ${c.rng.int(150, 2500)} ms`,
  ),
  shape(
    site("WARNING", "wasapicapture.c", "GetNextPacket", 164),
    (c) => `Audio capture buffer overflow, ${c.rng.int(1, 40) * 240} frames discarded`,
  ),
  shape(
    site("WARNING", "fractal.c", "SendVideo", 362),
    (c) => `Frame ${c.frame} too large (${c.rng.int(400, 1200)} packets), splitting`,
  ),
];

export const SERVER_ERROR: readonly MessageShape[] = [
  shape(
    site("ERROR", "network.c", "SendUDPPacket", 214),
    (c) => `sendto failed with error ${socketErrorCode(c)}`,
  ),
  shape(
    site("ERROR", "videoencode.c", "video_encoder_encode", 241),
    (c) => `nvEncEncodePicture failed with status ${c.rng.pick([8, 10, 20])}`,
    (c) => [
      `    at video_encoder_encode (videoencode.c:241) ${hexAddress(c.rng, 0x7ff7_3a10_0000)}`,
      `    at SendVideo (fractal.c:355) ${hexAddress(c.rng, 0x7ff7_3a10_0000)}`,
    ],
  ),
  shape(
    site("ERROR", "dxgicapture.c", "CreateCaptureDevice", 188),
    (c) => `DuplicateOutput failed: ${hresult(c)}`,
  ),
  shape(
    site("ERROR", "fractal.c", "ReceiveClientMessage", 655),
    (c) => `Unknown client message type ${c.rng.int(40, 255)}`,
  ),
];

/** Planted effect (c): only sessions on the late builds print it. */
export const LATE_ENCODER_ERROR: MessageShape = shape(
  site(PLANTED.lateErrorLevel, "videoencode.c", "try_setup_video_encoder", 37),
  (c) => PLANTED.lateErrorTemplate.replace("%d", String(c.rng.int(1, 64))),
);

/** Printed by the server with plain printf: continuation lines in the log. */
export const stdout = {
  pingReceived: (id: number): string => `Ping Received - ID ${id}`,
  accumulated: (rng: Rng): string => `Accumulated Frames: ${rng.int(2, 12)}`,
  relayed: (c: ChatterContext): string =>
    `NACKed video packet ID ${Math.max(1, c.frame - c.rng.int(1, 20))} Index ${c.rng.int(0, 120)} found of length ${c.rng.next() < 0.9 ? 1340 : c.rng.int(60, 1339)}. Relaying!`,
} as const;
