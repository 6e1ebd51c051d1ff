// `loupe serve` as a child process on 127.0.0.1 for the server benchmarks: the cluster's launcher
// (packages/server/src/dev/loupe-process.ts: ready when /readyz answers 200, output kept in a log file,
// SIGTERM then SIGKILL on stop) on a free port, without the per-client rate limit, and killed with this
// process on Ctrl-C. Callers stop it in a finally block.
import { createServer } from "node:net";
import { startLoupeProcess } from "../../packages/server/dist/dev/loupe-process.js";

export { cpuMs } from "../../packages/server/dist/dev/proc-stats.js";

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * GET on the server; resolves {status, ms, body} (body parsed when JSON). Never hangs past timeoutMs.
 * Uncompressed by default, like autocannon (fetch would otherwise offer gzip).
 */
export async function get(url, { timeoutMs = 30_000, headers = { "accept-encoding": "identity" } } = {}) {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers });
  const text = await response.text();
  const ms = performance.now() - started;
  let body = text;
  if ((response.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return { status: response.status, ms, body, headers: response.headers };
}

/**
 * Ctrl-C or a kill skips finally blocks: call `kill` then too, and die of the same signal. Returns the
 * function that undoes this (call it once the child is stopped).
 */
export function killOnSignal(kill) {
  const onSignal = (signal) => {
    kill();
    process.kill(process.pid, signal);
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return () => {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  };
}

/**
 * Starts `loupe serve ARGS --host 127.0.0.1 --port <free>`; resolves {url, pid, output, stop} once /readyz
 * is 200. Rejects (after killing the child) if the child exits first or `startTimeoutMs` passes.
 * BENCH_LOUPE_ENTRY: another script taking `serve ARGS` (e.g. a launcher for a patched server build, to
 * measure a proposed change before making it).
 */
export async function startLoupe(args, { logFile, env = {}, startTimeoutMs = 120_000 } = {}) {
  const server = await startLoupeProcess({
    name: "loupe serve",
    port: await freePort(),
    args,
    // The load comes from one address on behalf of many people: no per-client rate limit (issue 5's
    // default of 1,200 a minute would answer most of it 429).
    env: { LOUPE_RATE_LIMIT: "0", ...env },
    logFile,
    readyTimeoutMs: startTimeoutMs,
    entry: process.env.BENCH_LOUPE_ENTRY,
  });
  const forget = killOnSignal(() => void server.kill("SIGKILL"));
  return {
    url: server.url,
    pid: server.pid(),
    output: server.output,
    async stop() {
      await server.stop();
      forget();
    },
  };
}
