/**
 * The `loupe analyze` output contract (shared/spec/product.md): key order and names are stable because
 * scripts parse them. Series are written in pieces so a log with millions of points never becomes one
 * giant string.
 */
import { type LogAnalysis, METRIC_NAMES, type SeriesStats } from "@loupe/core";

const PIECE_CHARS = 1 << 20;

export function writeAnalysisJson(
  analysis: LogAnalysis,
  withSeries: boolean,
  write: (text: string) => void,
): void {
  write(
    `{"entries":${analysis.entries},"levels":${JSON.stringify(analysis.levels)},` +
      `"continuationLines":${analysis.continuationLines},"unparsedLines":${analysis.unparsedLines},` +
      `"invalidValues":${analysis.invalidValues}`,
  );
  if (withSeries) {
    write(',"series":{');
    METRIC_NAMES.forEach((name, i) => {
      const { t, v } = analysis.series[name];
      let piece = `${i > 0 ? "," : ""}"${name}":[`;
      for (let k = 0; k < t.length; k++) {
        piece += `${k > 0 ? "," : ""}[${t[k]},${v[k]}]`;
        if (piece.length > PIECE_CHARS) {
          write(piece);
          piece = "";
        }
      }
      write(`${piece}]`);
    });
    write("}");
  }
  const stats = METRIC_NAMES.map((name) => `"${name}":${statsJson(analysis.stats[name])}`).join(",");
  write(`,"stats":{${stats}}}\n`);
}

function statsJson(s: SeriesStats | null): string {
  if (s === null) return "null";
  return JSON.stringify({
    count: s.count,
    min: s.min,
    max: s.max,
    mean: s.mean,
    median: s.median,
    p95: s.p95,
    std: s.std,
  });
}
