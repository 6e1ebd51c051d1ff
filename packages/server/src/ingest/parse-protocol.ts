/**
 * Messages between the parse pool and its workers. One worker serves several jobs at once (a job is one
 * log), so every message names its job. Bytes and series travel as transferred ArrayBuffers: moved, not
 * copied, between threads.
 */
import type { AnyMetricName, LogAnalysis, Series } from "@loupe/core";

export type ToWorker =
  | { readonly type: "start"; readonly job: number }
  /** `bytes` holds `length` bytes of the log (a batch buffer may be only partly filled). */
  | { readonly type: "chunk"; readonly job: number; readonly bytes: ArrayBuffer; readonly length: number }
  | { readonly type: "finish"; readonly job: number }
  | { readonly type: "abort"; readonly job: number };

export type FromWorker =
  /** One chunk is parsed: the main thread may send another (this is the backpressure). */
  | { readonly type: "ack"; readonly job: number }
  | { readonly type: "done"; readonly job: number; readonly analysis: LogAnalysis; readonly parseMs: number }
  | { readonly type: "failed"; readonly job: number; readonly message: string };

/**
 * The analysis with each series copied to an exactly-sized buffer, and those buffers to transfer. The
 * analyzer's columns are views of growable buffers up to twice their length: transferring those would
 * move (and keep alive) the slack too.
 */
export function packAnalysis(analysis: LogAnalysis): { analysis: LogAnalysis; transfer: ArrayBuffer[] } {
  const series = {} as Record<AnyMetricName, Series>;
  const transfer: ArrayBuffer[] = [];
  for (const [name, columns] of Object.entries(analysis.series) as [AnyMetricName, Series][]) {
    const t = columns.t.slice();
    const v = columns.v.slice();
    series[name] = { t, v };
    transfer.push(t.buffer as ArrayBuffer, v.buffer as ArrayBuffer);
  }
  return { analysis: { ...analysis, series }, transfer };
}
