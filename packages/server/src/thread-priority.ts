/**
 * Background threads (ingestion, parsing) run at a lower CPU priority than the API's event loop, so a
 * busy machine takes its time from ingestion rather than from requests. Linux keeps a nice value per
 * thread, and threads started later by this one (the parse pool) inherit it. Elsewhere, or where the
 * thread's id cannot be read, this does nothing: priority is an optimisation, not a contract.
 */
import { readdirSync, readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/**
 * The lowest priority: ingestion has no one waiting on each frame, the API has. Measured on the demo
 * ingest (docs/benchmarks.md): nice 19 instead of 10 brought the API's p95 during ingest from 15–24 ms
 * to 10–13 ms, with the same ingest time (the API's thread is idle most of the time).
 */
export const BACKGROUND_NICENESS = 19;

/** Lowers the calling thread's priority; true if it did. */
export function lowerThreadPriority(niceness: number = BACKGROUND_NICENESS): boolean {
  try {
    const tid = currentThreadId();
    if (tid === undefined) return false;
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}

/**
 * Lowers every thread of the process except the calling one (the API's event loop); returns how many it
 * lowered. Those are V8's platform workers, which run the garbage collection of every isolate —
 * including the busy ingestion threads' — and libuv's pool. At normal priority they took ~55% of a core
 * during the demo ingest and preempted the API thread; lowered, the API thread's worst event-loop stall
 * during ingest fell from 54–70 ms to 27–49 ms (docs/benchmarks.md). Call it from the thread to keep.
 */
export function lowerOtherThreadsPriority(niceness: number = BACKGROUND_NICENESS): number {
  try {
    const self = currentThreadId();
    if (self === undefined) return 0;
    let lowered = 0;
    for (const entry of readdirSync("/proc/self/task")) {
      const tid = Number(entry);
      if (tid === self || !Number.isSafeInteger(tid)) continue;
      try {
        setPriority(tid, niceness);
        lowered++;
      } catch {
        // The thread ended between the listing and the call.
      }
    }
    return lowered;
  } catch {
    return 0;
  }
}

/** The kernel's id of the calling thread: "/proc/thread-self" → "<pid>/task/<tid>". */
function currentThreadId(): number | undefined {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  return Number.isSafeInteger(tid) && tid > 0 ? tid : undefined;
}
