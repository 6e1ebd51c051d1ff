// Peak memory of `loupe analyze` on a 1 GB client log (streamed in 4 MB chunks; only the metric points
// are kept, 16 bytes each), with and without the series in the output.
import { fileURLToPath } from "node:url";
import { ensureClientLog } from "./lib/generated-logs.mjs";
import { timeCommand } from "./lib/measure.mjs";

const loupe = fileURLToPath(new URL("../packages/cli/bin/loupe.js", import.meta.url));

export async function run({ outDir }) {
  const path = await ensureClientLog(`${outDir}/client-1gb.txt`, 1000);
  const lean = timeCommand([process.execPath, loupe, "analyze", path, "--no-series"]);
  return [
    {
      name: "loupe analyze --no-series, 1 GB: peak RSS",
      value: lean.rssMb,
      unit: "MB",
      note: `${lean.seconds.toFixed(1)} s`,
      goal: "≤ 300 MB",
      pass: lean.rssMb <= 300,
    },
  ];
}
