/**
 * Background threads (ingestion, parsing) run at a lower CPU priority than the API's event loop, so a
 * busy machine takes its time from ingestion rather than from requests. Linux keeps a nice value per
 * thread, and threads started later by this one (the parse pool) inherit it. Elsewhere, or where the
 * thread's id cannot be read, this does nothing: priority is an optimisation, not a contract.
 */
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";

/** Nice 10: behind interactive work, ahead of batch jobs at 19. */
export const BACKGROUND_NICENESS = 10;

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
