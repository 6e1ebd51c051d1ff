/** Hand-written log files for API tests, in the logger's exact line format (see log-format.md). */

export type LogLine = readonly [seconds: number, level: string, message: string];

/** `HH:MM:SS:ffffff | LEVEL   | file.c          | fn:1 | message` for a time in seconds since midnight. */
export function logLine([seconds, level, message]: LogLine): string {
  const micros = Math.round(seconds * 1e6);
  const whole = Math.floor(micros / 1e6);
  const hh = String(Math.floor(whole / 3600) % 24).padStart(2, "0");
  const mm = String(Math.floor(whole / 60) % 60).padStart(2, "0");
  const ss = String(whole % 60).padStart(2, "0");
  const frac = String(micros % 1e6).padStart(6, "0");
  return `${hh}:${mm}:${ss}:${frac} | ${level.padEnd(7)} | test.c          | run:1 | ${message}`;
}

export function logText(lines: readonly LogLine[]): string {
  return `${lines.map(logLine).join("\n")}\n`;
}

/** A client log whose latency points are `latencies`, one per second from 10:00:00, then the `extra` lines. */
export function clientLog(latencies: readonly number[], extra: readonly LogLine[] = []): string {
  const start = 10 * 3600;
  return logText([...latencies.map((v, i): LogLine => [start + i, "INFO", `Latency: ${v}`]), ...extra]);
}

/** A server log whose encode-time points are `times`, one per second from 10:00:00, then `extra`. */
export function serverLog(times: readonly number[], extra: readonly LogLine[] = []): string {
  const start = 10 * 3600;
  return logText([
    ...times.map((v, i): LogLine => [start + i, "INFO", `Average Encode Time: ${v}`]),
    ...extra,
  ]);
}
