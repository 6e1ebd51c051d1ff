/** `loupe analyze FILE [--no-series]`: one log file (or "-" for stdin) → one JSON object on stdout. */
import { parseArgs } from "node:util";
import { writeAnalysisJson } from "../analysis-json.js";
import { analyzeInput } from "../analyze-file.js";
import { withUsage } from "../parse-command-args.js";
import { writeStdout } from "../stdout.js";
import { UsageError } from "../usage-error.js";

export const analyzeUsage = "loupe analyze FILE [--no-series]   (FILE may be - for standard input)";

export async function analyzeCommand(args: readonly string[]): Promise<void> {
  const { values, positionals } = withUsage(analyzeUsage, () =>
    parseArgs({ args: [...args], options: { "no-series": { type: "boolean" } }, allowPositionals: true }),
  );
  if (positionals.length !== 1) throw new UsageError(`expected one FILE\nusage: ${analyzeUsage}`);

  // The WebAssembly analyzer (same results as the core's LogAnalyzer, without waiting for the JIT), on two
  // threads for a big file. The output has no error patterns, so they are not computed; with --no-series,
  // no points are copied out.
  const withSeries = values["no-series"] !== true;
  const analysis = await analyzeInput(positionals[0] as string, withSeries);
  const pieces: string[] = [];
  writeAnalysisJson(analysis, withSeries, (text) => pieces.push(text));
  await writeStdout(pieces);
}
