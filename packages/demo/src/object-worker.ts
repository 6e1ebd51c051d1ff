/** The demo bucket's worker thread: generates objects away from the event loop that serves requests. */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { makeDemoObject } from "./demo-object.js";
import type { ObjectReply, ObjectRequest } from "./object-source.js";

// Background priority, as the server's own threads (packages/server/src/thread-priority.ts): a busy
// machine slows the bucket, not the requests of the server it is mounted in. Linux only; else a no-op.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
} catch {}

parentPort?.on("message", (request: ObjectRequest) => {
  let reply: ObjectReply;
  try {
    const object = makeDemoObject(request.key, request.fleet);
    reply = { id: request.id, object };
    // The bytes move to the main thread instead of being copied (1.6 GB over a full demo ingest).
    parentPort?.postMessage(reply, object === undefined ? [] : [object.bytes.buffer as ArrayBuffer]);
  } catch (error) {
    reply = { id: request.id, error: String(error) };
    parentPort?.postMessage(reply);
  }
});
