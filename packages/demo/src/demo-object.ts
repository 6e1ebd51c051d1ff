/**
 * One object of the demo bucket as the bucket serves it: the log's bytes, a strong ETag and the upload
 * time, generated from the fleet's plan.
 */
import { createHash } from "node:crypto";
import { generateDemoLog } from "./demo-log.js";
import { describeDemoLog } from "./manifest.js";

export interface DemoObject {
  readonly bytes: Uint8Array;
  readonly etag: string;
  readonly lastModified: string;
  readonly lastModifiedMs: number;
}

export interface DemoFleetKey {
  readonly seed: number;
  readonly count: number;
}

/** The object named `key`, or undefined when the fleet has no such object (or it is "missing"). */
export function makeDemoObject(key: string, fleet: DemoFleetKey): DemoObject | undefined {
  const spec = describeDemoLog(key, fleet);
  if (spec === undefined || spec.content === "missing") return undefined;
  const bytes = generateDemoLog(spec);
  const lastModifiedMs = Math.floor(spec.uploadedMs / 1000) * 1000;
  return {
    bytes,
    etag: `"${createHash("sha256").update(bytes).digest("hex").slice(0, 32)}"`,
    lastModified: new Date(lastModifiedMs).toUTCString(),
    lastModifiedMs,
  };
}
