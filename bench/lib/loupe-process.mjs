// `loupe serve` as a child process on 127.0.0.1 for the server benchmarks: started on a free port, ready
// when /readyz answers 200, its output kept in a log file, and always killed by stop() (SIGTERM, then
// SIGKILL after a grace period). Callers stop it in a finally block.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

// BENCH_LOUPE_ENTRY: another script taking `serve ARGS` (e.g. a launcher for a patched server build, to
// measure a proposed change before making it).
const LOUPE =
  process.env.BENCH_LOUPE_ENTRY ?? fileURLToPath(new URL("../../packages/cli/bin/loupe.js", import.meta.url));

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

const TICKS_PER_SECOND = 100; // getconf CLK_TCK on Linux

/** CPU time (user + system, all threads) a process has used so far, in ms; NaN where /proc is missing. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return Number.NaN;
  }
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
 * Ctrl-C or a kill skips finally blocks: kill `child` then too, and die of the same signal. Returns the
 * function that undoes this (call it once the child is stopped).
 */
export function killOnSignal(child) {
  const onSignal = (signal) => {
    child.kill("SIGKILL");
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
 * Starts `loupe serve ARGS --host 127.0.0.1 --port <free>`; resolves once /readyz is 200 (and, with
 * `waitFor`, once that predicate on the server's output is true). Rejects (after killing the child) if the
 * child exits first or `startTimeoutMs` passes.
 */
export async function startLoupe(args, { logFile, env = {}, startTimeoutMs = 120_000 } = {}) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [LOUPE, "serve", ...args, "--host", "127.0.0.1", "--port", String(port)],
    // The load comes from one address on behalf of many people: no per-client rate limit (issue 5's
    // default of 1,200 a minute would answer most of it 429).
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, LOUPE_RATE_LIMIT: "0", ...env } },
  );
  const log = logFile === undefined ? null : createWriteStream(logFile, { flags: "a" });
  let output = "";
  const collect = (chunk) => {
    output += chunk;
    if (output.length > 1 << 20) output = output.slice(-(1 << 19));
    log?.write(chunk);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  let exited = false;
  const exit = once(child, "exit").then(([code, signal]) => {
    exited = true;
    return { code, signal };
  });

  const forget = killOnSignal(child);
  const stop = async () => {
    if (!exited) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exit;
      clearTimeout(timer);
    }
    forget();
    log?.end();
  };

  try {
    const deadline = performance.now() + startTimeoutMs;
    for (;;) {
      if (exited)
        throw new Error(`loupe serve exited early: ${JSON.stringify(await exit)}\n${output.slice(-4000)}`);
      if (performance.now() > deadline) throw new Error(`loupe serve not ready after ${startTimeoutMs} ms`);
      const ready = await get(`${url}/readyz`, { timeoutMs: 5_000 }).catch(() => null);
      if (ready?.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid, output: () => output, stop };
}
