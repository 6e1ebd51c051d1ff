/**
 * The bytes of one demo object, generated on demand from its spec: the same spec gives the same bytes,
 * always. Pure: no I/O, nothing cached here.
 */
import { encodeText } from "./byte-sink.js";
import { generateClientLog } from "./client-log.js";
import type { DemoLogSpec } from "./log-spec.js";
import { binaryGarbage, htmlErrorPage } from "./not-a-log.js";
import { createRng } from "./rng.js";
import { generateServerLog } from "./server-log.js";

const BYTE_ORDER_MARK = [0xef, 0xbb, 0xbf] as const;

/** The object's bytes. Throws for a `missing` object: the bucket answers 404 for it instead. */
export function generateDemoLog(spec: DemoLogSpec): Uint8Array {
  switch (spec.content) {
    case "missing":
      throw new RangeError(`${spec.objectName} does not exist in the demo bucket`);
    case "empty":
      return new Uint8Array(0);
    case "html":
      return encodeText(htmlErrorPage());
    case "binary":
      return binaryGarbage(createRng(spec.session.seed, spec.session.connectionId, spec.side, "garbage"));
    case "log":
    case "truncated":
      return logBytes(spec);
  }
}

/** The complete log as the logger wrote it, before the upload could cut it or a BOM was added. */
export function generateFullLog(spec: DemoLogSpec): Uint8Array {
  return spec.side === "client" ? generateClientLog(spec) : generateServerLog(spec);
}

function logBytes(spec: DemoLogSpec): Uint8Array {
  const body = generateFullLog(spec);
  const bom = spec.faults.byteOrderMark ? BYTE_ORDER_MARK.length : 0;
  const kept =
    spec.content === "truncated" ? Math.floor(body.length * spec.faults.keptFraction) : body.length;
  if (bom === 0 && kept === body.length) return body;
  const bytes = new Uint8Array(bom + kept);
  if (bom > 0) bytes.set(BYTE_ORDER_MARK);
  bytes.set(body.subarray(0, kept), bom);
  return bytes;
}
