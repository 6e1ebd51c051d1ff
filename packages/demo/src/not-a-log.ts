/**
 * Objects that sit where a log should be but are not one: a proxy's HTML error page saved by a failed
 * upload, and binary bytes (a compressed archive uploaded by an old uploader).
 */
import type { Rng } from "./rng.js";

export function htmlErrorPage(): string {
  return [
    "<html>",
    "<head><title>502 Bad Gateway</title></head>",
    "<body>",
    "<center><h1>502 Bad Gateway</h1></center>",
    "<hr><center>nginx</center>",
    "</body>",
    "</html>",
    "",
  ].join("\r\n");
}

/** A gzip header followed by a few kilobytes of incompressible bytes. */
export function binaryGarbage(rng: Rng): Uint8Array {
  const bytes = new Uint8Array(rng.int(3000, 12_000));
  bytes.set([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0b]);
  for (let i = 10; i < bytes.length; i += 4) {
    const word = rng.nextUint32();
    bytes[i] = word & 0xff;
    bytes[i + 1] = (word >>> 8) & 0xff;
    bytes[i + 2] = (word >>> 16) & 0xff;
    bytes[i + 3] = word >>> 24;
  }
  return bytes;
}
