// The whole `loupe analyze --no-series` process against the original dashboard's pandas script on the
// same 50 MB client log, each run 5 times in this script (median wall time, Node's start included).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensureClientLog } from "./lib/generated-logs.mjs";
import { median, timeCommand } from "./lib/measure.mjs";

const loupe = fileURLToPath(new URL("../packages/cli/bin/loupe.js", import.meta.url));
const pandasScript = fileURLToPath(new URL("./pandas-baseline.py", import.meta.url));
const python = "/usr/bin/python3";

export async function run({ outDir }) {
  const path = await ensureClientLog(`${outDir}/client-50mb.txt`, 50);
  const loupeRuns = Array.from({ length: 5 }, () =>
    timeCommand([process.execPath, loupe, "analyze", path, "--no-series"]),
  );
  const rows = [
    {
      name: "loupe analyze --no-series, 50 MB (whole process)",
      value: median(loupeRuns.map((r) => r.seconds)),
      unit: "s",
    },
  ];
  if (!existsSync(python) || timeCommandOk([python, "-c", "import pandas"]) === false) {
    rows.push({
      name: "pandas baseline",
      value: Number.NaN,
      unit: "s",
      note: "skipped: apt-get install python3-pandas",
    });
    return rows;
  }
  const pandasRuns = Array.from({ length: 5 }, () => timeCommand([python, pandasScript, path]));
  const pandas = median(pandasRuns.map((r) => r.seconds));
  const ratio = pandas / rows[0].value;
  rows.push(
    { name: "pandas read_csv + to_datetime + filter (baseline)", value: pandas, unit: "s" },
    { name: "speed-up over pandas", value: ratio, unit: "×", goal: "≥ 15×", pass: ratio >= 15 },
  );
  return rows;
}

function timeCommandOk(argv) {
  try {
    timeCommand(argv);
    return true;
  } catch {
    return false;
  }
}
