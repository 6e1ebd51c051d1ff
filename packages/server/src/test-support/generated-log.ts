/**
 * A large log made on the fly, one ~1 MiB piece at a time, so neither the object store that serves it nor
 * the test that checks it ever holds it whole. Every piece is different (times advance, values vary) and
 * has all that ingestion stores: the four metrics, ERROR and WARNING patterns with masked numbers and
 * addresses, continuation lines. Piece `j` covers 100 s from 01:00:00, so 200 pieces stay within one day.
 */
import { type LogAnalysis, LogAnalyzer } from "@loupe/core";

const LINES_PER_PIECE = 10_000;
const START_SECONDS = 3600;

function stamp(seconds: number): string {
  const micros = Math.round(seconds * 1e6);
  const whole = Math.floor(micros / 1e6);
  const two = (n: number) => String(n).padStart(2, "0");
  const hh = two(Math.floor(whole / 3600) % 24);
  const mm = two(Math.floor(whole / 60) % 60);
  return `${hh}:${mm}:${two(whole % 60)}:${String(micros % 1e6).padStart(6, "0")}`;
}

/** Piece `j` of the generated log: ~1 MiB of text, always the same bytes for the same `j`. */
export function generatedLogPiece(j: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < LINES_PER_PIECE; i++) {
    const n = j * LINES_PER_PIECE + i;
    const time = stamp(START_SECONDS + j * 100 + i / 100);
    const line = (level: string, source: string, message: string) =>
      `${time} | ${level.padEnd(7)} | ${source} | ${message}`;
    if (i % 100 === 0) {
      lines.push(
        line("INFO", "network.c       | pingLoop:212", `Latency: ${(0.02 + (n % 97) / 1000).toFixed(6)}`),
      );
    } else if (i % 100 === 50) {
      const decode = (0.003 + (n % 89) / 100_000).toFixed(6);
      lines.push(line("INFO", "video.c         | updateVideo:893", `Avg Decode Time: ${decode}`));
    } else if (i % 500 === 7) {
      lines.push(
        line(
          "ERROR",
          "socket.c        | connect:77",
          `Failed to connect to 10.0.${n % 256}.1:${8000 + (n % 50)}`,
        ),
      );
      lines.push(`    at connect (socket.c:77)`, `    at reconnectLoop (session.c:${100 + (n % 9)})`);
    } else if (i % 700 === 3) {
      lines.push(line("WARNING", "video.c         | present:410", `Frame ${n} dropped after ${n % 60} ms`));
    } else {
      lines.push(
        line("INFO", "render.c        | draw:58", `Rendering frame ${n} of the stream, nothing unusual`),
      );
    }
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

/** What analyzeLog says of the generated log of `pieces` pieces, fed piece by piece (never whole). */
export function analyzeGeneratedLog(pieces: number): LogAnalysis {
  const analyzer = new LogAnalyzer();
  for (let j = 0; j < pieces; j++) analyzer.push(generatedLogPiece(j));
  return analyzer.finish();
}
