// Big client logs for the benchmarks, made by the demo generator (deterministic: same bytes every run).
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { generateFullLog, listDemoLogs } from "@loupe/demo";

/** A Linux client session (6-digit times, LF) stretched to `hours`, as the protocol would log it. */
export function longClientLog(hours) {
  const spec = listDemoLogs().find((s) => s.side === "client" && s.content === "log" && s.fracDigits === 6);
  if (!spec) throw new Error("the demo fleet has no Linux client log");
  const durationSeconds = hours * 3600;
  return generateFullLog({
    ...spec,
    session: { ...spec.session, durationSeconds },
    endMs: spec.startMs + durationSeconds * 1000,
  });
}

/** Writes (once) a client log of at least `megabytes` MB to `path`, repeating a long session as needed. */
export async function ensureClientLog(path, megabytes) {
  if (existsSync(path) && statSync(path).size >= megabytes * 1e6) return path;
  mkdirSync(dirname(path), { recursive: true });
  const piece = longClientLog(Math.min(24, Math.max(1, megabytes / 4)));
  if (piece.length >= megabytes * 1e6) {
    writeFileSync(path, piece);
    return path;
  }
  const out = createWriteStream(path);
  for (let written = 0; written < megabytes * 1e6; written += piece.length) {
    if (!out.write(piece)) await new Promise((r) => out.once("drain", r));
  }
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  return path;
}
