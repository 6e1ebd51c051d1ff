/**
 * Dashboard users as a test sees them: a few clients each sending GETs one after another (with a pause),
 * retrying a failed one once, as a browser's user would by reloading. A failure is a non-2xx answer, a
 * connection error or a body cut short; what still fails on the retry is an error the user saw.
 */

export interface ClientFailure {
  readonly path: string;
  /** What each of the two attempts got: an HTTP status or the error's message. */
  readonly attempts: readonly string[];
}

export interface ClientReport {
  /** Requests answered 2xx, counting a retry that succeeded once. */
  readonly ok: number;
  /** First attempts that failed (and were retried). */
  readonly retried: number;
  /** Requests that failed twice. */
  readonly failures: readonly ClientFailure[];
}

export interface RetryingClients {
  /** Requests answered 2xx so far. */
  answered(): number;
  /** Lets every client finish its request in flight, then reports. */
  stop(): Promise<ClientReport>;
}

export function startRetryingClients(options: {
  readonly baseUrl: string;
  readonly clients: number;
  readonly pauseMs: number;
  /** The next path to ask for (called before every request). */
  readonly nextPath: () => string;
  readonly timeoutMs?: number;
}): RetryingClients {
  let stopping = false;
  let ok = 0;
  let retried = 0;
  const failures: ClientFailure[] = [];
  const attempt = async (path: string): Promise<string | undefined> => {
    try {
      const response = await fetch(`${options.baseUrl}${path}`, {
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      });
      await response.arrayBuffer(); // a body cut short rejects here
      return response.ok ? undefined : String(response.status);
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return `${(error as Error).message}${cause === undefined ? "" : ` (${cause})`}`;
    }
  };
  const client = async () => {
    while (!stopping) {
      const path = options.nextPath();
      const first = await attempt(path);
      if (first === undefined) ok++;
      else {
        retried++;
        const second = await attempt(path);
        if (second === undefined) ok++;
        else failures.push({ path, attempts: [first, second] });
      }
      await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
    }
  };
  const running = Array.from({ length: options.clients }, client);
  return {
    answered: () => ok,
    async stop() {
      stopping = true;
      await Promise.all(running);
      return { ok, retried, failures };
    },
  };
}
