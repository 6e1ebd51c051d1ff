// Error-pattern masking on hostile 64 KB messages (unclosed quotes, endless address candidates, …) against
// a 64 KB message of ordinary words: linear masking keeps the ratio near 1, a backtracking one explodes.
import { maskMessage } from "@loupe/core";
import { timeMedian } from "./lib/measure.mjs";

const LENGTH = 64 * 1024;
const HOSTILE_UNITS = [
  "1",
  "1.",
  "a1",
  "'a",
  '"',
  "C:\\a ",
  " a\\",
  "Program Files (x86) ",
  "fe80::",
  "[",
  "a@",
  "a.a@",
  "http:/",
  "/a",
  "abcd1234-",
  "1.2.3.4.",
  "1.1.1.1:",
  "0x",
  "\\\\",
  "~/",
];

const repeatTo = (unit) => unit.repeat(Math.ceil(LENGTH / unit.length)).slice(0, LENGTH);

export async function run() {
  const baselineMs = timeMedian(() => maskMessage(repeatTo("could not decode packet ")), { runs: 5 });
  let worst = { unit: "", ms: 0 };
  for (const unit of HOSTILE_UNITS) {
    const ms = timeMedian(() => maskMessage(repeatTo(unit)), { runs: 3 });
    if (ms > worst.ms) worst = { unit, ms };
  }
  const ratio = worst.ms / baselineMs;
  return [
    { name: "mask 64 KB of ordinary words (baseline)", value: baselineMs, unit: "ms" },
    {
      name: `mask 64 KB, worst hostile input (${JSON.stringify(worst.unit)} repeated)`,
      value: worst.ms,
      unit: "ms",
      note: `${ratio.toFixed(1)}× the baseline`,
      goal: "≤ 20× baseline (linear)",
      pass: ratio <= 20,
    },
  ];
}
