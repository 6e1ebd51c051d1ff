/**
 * Background threads (ingestion, parsing) run at a lower CPU priority than the API's event loop, so a
 * busy machine takes its time from ingestion rather than from requests. Linux keeps a nice value per
 * thread, and threads started later by this one (the parse pool) inherit it. Elsewhere, or where the
 * thread's id cannot be read, this does nothing: priority is an optimisation, not a contract.
 */
import { readlinkSync } from "node:fs";
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
    // "/proc/thread-self" → "<pid>/task/<tid>"; setpriority() on a tid changes that thread alone.
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isSafeInteger(tid) || tid <= 0) return false;
    setPriority(tid, niceness);
    return true;
  } catch {
    return false;
  }
}
