/** `loupe analyze FILE [--no-series]`: one log file (or "-" for stdin) → one JSON object on stdout. */
import { LogAnalyzer } from "@loupe/core";
import { writeAnalysisJson } from "../analysis-json.js";
import { readChunks } from "../byte-source.js";
import { UsageError } from "../usage-error.js";

export const analyzeUsage = "loupe analyze FILE [--no-series]   (FILE may be - for standard input)";

export async function analyzeCommand(args: readonly string[]): Promise<void> {
  const files = args.filter((a) => a === "-" || !a.startsWith("-"));
  const flags = args.filter((a) => a !== "-" && a.startsWith("-"));
  const unknown = flags.filter((f) => f !== "--no-series");
  if (unknown.length > 0) throw new UsageError(`unknown option ${unknown[0]}\nusage: ${analyzeUsage}`);
  if (files.length !== 1) throw new UsageError(`expected one FILE\nusage: ${analyzeUsage}`);

  const analyzer = new LogAnalyzer();
  await readChunks(files[0] as string, (chunk) => analyzer.push(chunk));
  const analysis = analyzer.finish();
  await writeOut((write) => writeAnalysisJson(analysis, !flags.includes("--no-series"), write));
}

/** Collects output pieces and writes them to stdout, waiting for the pipe to drain (`| head` must not lose data). */
async function writeOut(produce: (write: (text: string) => void) => void): Promise<void> {
  const pieces: string[] = [];
  produce((text) => pieces.push(text));
  for (const piece of pieces) {
    if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once("drain", resolve));
  }
}
