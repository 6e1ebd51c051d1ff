/**
 * A steady load: `clients` loops sending GETs at `rate` requests per second in all, each timed from send to
 * the end of its body. A client that falls behind sends its next request at once but does not burst to
 * catch up, so a slow server lowers the rate instead of piling requests up (the windows report the rate).
 */

export interface LoadSample {
  /** When the request was sent, ms since the load started. */
  readonly at: number;
  readonly ms: number;
  readonly path: string;
  /** Why it failed (non-2xx status or the error), when it did. */
  readonly error?: string;
}

export interface SteadyLoad {
  /** Lets every request in flight finish. */
  stop(): Promise<void>;
}

export function startSteadyLoad(options: {
  readonly baseUrl: string;
  readonly rate: number;
  readonly clients: number;
  readonly nextPath: () => string;
  readonly onSample: (sample: LoadSample) => void;
  readonly timeoutMs?: number;
}): SteadyLoad {
  const started = performance.now();
  const interval = (1000 * options.clients) / options.rate;
  let stopping = false;
  const client = async (index: number) => {
    let next = started + (index * interval) / options.clients;
    while (!stopping) {
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopping) break;
      next = Math.max(next + interval, performance.now());
      const path = options.nextPath();
      const sent = performance.now();
      let error: string | undefined;
      try {
        const response = await fetch(`${options.baseUrl}${path}`, {
          signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
        });
        await response.arrayBuffer();
        if (!response.ok) error = `HTTP ${response.status}`;
      } catch (caught) {
        error = (caught as Error).message;
      }
      const sample = { at: sent - started, ms: performance.now() - sent, path };
      options.onSample(error === undefined ? sample : { ...sample, error });
    }
  };
  const running = Array.from({ length: options.clients }, (_, i) => client(i));
  return {
    async stop() {
      stopping = true;
      await Promise.all(running);
    },
  };
}

/** Each path once, `concurrency` at a time (a warm-up: caches filled, code optimised). */
export async function visitEach(baseUrl: string, paths: readonly string[], concurrency = 8): Promise<void> {
  let next = 0;
  const visitor = async () => {
    while (next < paths.length) {
      const response = await fetch(`${baseUrl}${paths[next++]}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, visitor));
}
